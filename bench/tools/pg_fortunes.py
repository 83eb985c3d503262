#!/usr/bin/env python3
"""Fortunes on PostgreSQL, TechEmpower's setup: bench/apps/micro's /fortunes (Micro's data layer, `Db`) against
bench/apps/minimal's (Npgsql's NpgsqlDataSource and hand-written HTML), both reading the 12 rows of make_db.py from a
PostgreSQL 15 server this step starts (fsync on) and stops. Every build found is measured in the same run: the JIT builds,
and the native binaries when they are published. wrk runs alternate between servers, as bench.py's HTTP loads do; the
server's CPU and PostgreSQL's (all its backends) per request come from /proc. run.sh calls it; it can run alone:

  pg_fortunes.py WORK OUT.json [--quick]    (WORK/jit/<app>, WORK/native/<app>: the builds run.sh makes)
"""
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(__file__))
from bench import DOTNET_ARGS, cpu_seconds, dotnet_server, free_port, get, load_run, memory_kib, start, stop_all, wait_ready, wrk  # noqa: E402
from postgres import Postgres  # noqa: E402

APPS = [("micro", "micro-bench"), ("minimal", "minimal-bench")]


def check(port):
    """The page is TechEmpower's: 200, the 12 rows and the one added at request time, the script fortune escaped."""
    status, body = get(port, "/fortunes")
    if status != 200:
        raise RuntimeError(f"/fortunes: {status}")
    if b"&lt;script&gt;" not in body or b"<script>" in body:
        raise RuntimeError("/fortunes: the script fortune is not escaped")
    if body.count(b"<tr>") != 14:
        raise RuntimeError(f"/fortunes: {body.count(b'<tr>') - 1} rows, not 13")
    return {"status": status, "bytes": len(body)}


def main():
    work, out = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv
    seconds, runs, warmup = (3, 2, 2) if quick else (15, 5, 10)
    connections, threads = 64, 1
    results = {"settings": {"seconds": seconds, "runs": runs, "warmup_seconds": warmup, "connections": connections,
                            "wrk_threads": threads, "quick": quick, "load_average": os.getloadavg()}, "servers": {}}
    with Postgres() as pg:
        pg.create_fortunes()
        running = {}
        for kind in ("jit", "native"):
            for name, folder in APPS:
                cmd, cwd = dotnet_server(work, folder, kind)
                if not os.path.exists(cmd[-1]):
                    continue
                port = free_port()
                # The same connection string for both: neither side gets pool or prepare settings the other lacks.
                proc = start(cmd + [f"--urls=http://127.0.0.1:{port}", f"--ConnectionStrings:Default={pg.connection_string}"]
                             + DOTNET_ARGS, cwd)
                running[f"{name}-{kind}"] = {"proc": proc, "port": port}
        for server in running.values():
            wait_ready(server["proc"], server["port"], "/plaintext")
        checks = {}
        for name, server in running.items():
            checks[name] = check(server["port"])
            wrk(server["port"], "/fortunes", warmup, connections, threads)

        per_server = {name: [] for name in running}
        for _ in range(runs):
            for name, server in running.items():  # A, B, C, A, B, C...: drift in machine load hits every server alike
                pg_before = cpu_seconds(pg.pid)
                result = load_run(server, "/fortunes", seconds, connections, threads)
                result["postgres_cpu_us_per_req"] = (cpu_seconds(pg.pid) - pg_before) * 1e6 / max(result["requests"], 1)
                per_server[name].append(result)
        for name, server in running.items():
            results["servers"][name] = {"runs": per_server[name], "check": checks[name],
                                        "peak_rss_mib": memory_kib(server["proc"].pid, "VmHWM") / 1024}
        stop_all()
        results["postgres"] = {"version": "15", "fsync": True, "max_connections": pg.max_connections}
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    for name, data in results["servers"].items():
        runs_ = data["runs"]
        print(f"  {name}: {statistics.median(r['rps'] for r in runs_):.0f} rps, p99 {statistics.median(r['p99_ms'] for r in runs_):.2f} ms, "
              f"{statistics.median(r['cpu_us_per_req'] for r in runs_):.0f} us app CPU + "
              f"{statistics.median(r['postgres_cpu_us_per_req'] for r in runs_):.0f} us PostgreSQL CPU a request", flush=True)


if __name__ == "__main__":
    main()
