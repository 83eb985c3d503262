#!/usr/bin/env python3
"""One process against three behind nginx: the native micro bench app's Fortunes page on PostgreSQL (a page that reads the
database on every request) hit directly, through nginx with one upstream (what the proxy alone costs) and through nginx with
three processes (docs/deploy.md's deployment). nginx gets docs/deploy.md's proxy settings (an upstream with keepalive 32,
HTTP/1.1 and an empty Connection header to the upstreams). PostgreSQL 15 is started by this step (fsync on) and stopped at the
end, as are nginx and the processes. wrk runs alternate between the three setups; CPU per request comes from /proc, split into
the app processes, nginx (master and workers) and PostgreSQL (all backends). run.sh calls it; it can run alone:

  nginx_bench.py WORK OUT.json [--quick]    (WORK/native/micro-bench holds the native publish)
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bench import DOTNET_ARGS, cpu_seconds, dotnet_server, free_port, memory_kib, start, stop_all, wait_ready, wrk  # noqa: E402
from pg_fortunes import check  # noqa: E402
from postgres import Postgres  # noqa: E402

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROCESSES = 3
PATH = "/fortunes"

# docs/deploy.md's location block, for an upstream of one process and one of three. Access logging is off: the proxy is
# measured, not a log file on the same disk as PostgreSQL.
LOCATION = """
        location / {{
            proxy_pass http://{upstream};
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_next_upstream error timeout http_502 http_503;
        }}"""


def nginx_config(folder, one_port, three_port, app_ports):
    def upstream(name, ports):
        servers = "".join(f"\n        server 127.0.0.1:{p};" for p in ports)
        return f"    upstream {name} {{{servers}\n        keepalive 32;\n    }}\n"

    def server(port, name):
        return f"    server {{\n        listen 127.0.0.1:{port};\n        server_name localhost;{LOCATION.format(upstream=name)}\n    }}\n"

    temp = "".join(f"    {kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return ("daemon off;\n" + ("user root;\n" if os.getuid() == 0 else "") +
            f"worker_processes auto;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log warn;\n"
            "events {\n    worker_connections 1024;\n}\n"
            f"http {{\n    access_log off;\n{temp}"
            + upstream("one", app_ports[:1]) + upstream("three", app_ports)
            + server(one_port, "one") + server(three_port, "three") + "}\n")


def cpu(pids):
    return sum(cpu_seconds(pid) for pid in pids)


def main():
    work, out = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv
    seconds, runs, warmup = (3, 2, 2) if quick else (15, 5, 10)
    connections, threads = 64, 1
    cmd, cwd = dotnet_server(work, "micro-bench", "native")
    if not os.path.exists(cmd[0]):
        sys.exit(f"{cmd[0]} is missing: publish bench/apps/micro with -p:MicroNative=true first (run.sh does)")
    folder = tempfile.mkdtemp(prefix="micro-bench-nginx-")
    results = {"settings": {"seconds": seconds, "runs": runs, "warmup_seconds": warmup, "connections": connections,
                            "wrk_threads": threads, "quick": quick, "load_average": os.getloadavg(), "app": "micro-bench (native)", "path": PATH,
                            "nproc": os.cpu_count(),
                            "nginx": subprocess.run([NGINX, "-v"], capture_output=True, text=True).stderr.strip()},
               "setups": {}}
    try:
        with Postgres() as pg:
            pg.create_fortunes()
            apps = []
            for _ in range(PROCESSES):
                port = free_port()
                proc = start(cmd + [f"--urls=http://127.0.0.1:{port}", f"--ConnectionStrings:Default={pg.connection_string}"]
                             + DOTNET_ARGS, cwd)
                apps.append({"proc": proc, "port": port})
            for app in apps:
                wait_ready(app["proc"], app["port"], "/plaintext")
            one_port, three_port = free_port(), free_port()
            with open(os.path.join(folder, "nginx.conf"), "w") as f:
                f.write(nginx_config(folder, one_port, three_port, [a["port"] for a in apps]))
            nginx = start([NGINX, "-p", folder, "-e", os.path.join(folder, "error.log"), "-c", os.path.join(folder, "nginx.conf")],
                          folder)
            wait_ready(nginx, one_port, "/plaintext")
            wait_ready(nginx, three_port, "/plaintext")

            # The first process answers directly and is nginx's one upstream; the three are the second upstream.
            setups = {
                "direct": {"port": apps[0]["port"], "apps": apps[:1], "nginx": False},
                "nginx-1": {"port": one_port, "apps": apps[:1], "nginx": True},
                "nginx-3": {"port": three_port, "apps": apps, "nginx": True},
            }
            checks = {}
            for name, setup in setups.items():
                checks[name] = check(setup["port"])
                wrk(setup["port"], PATH, warmup, connections, threads)

            per_setup = {name: [] for name in setups}
            for _ in range(runs):
                for name, setup in setups.items():  # A, B, C, A, B, C...: drift in machine load hits every setup alike
                    app_pids = [a["proc"].pid for a in setup["apps"]]
                    before = [cpu_seconds(pid) for pid in app_pids], cpu([nginx.pid]), cpu_seconds(pg.pid)
                    result = wrk(setup["port"], PATH, seconds, connections, threads)
                    after = [cpu_seconds(pid) for pid in app_pids], cpu([nginx.pid]), cpu_seconds(pg.pid)
                    n = max(result["requests"], 1)
                    per_process = [(a - b) * 1e6 / n for a, b in zip(after[0], before[0])]
                    result["cpu_us_per_req"] = {
                        "app": sum(per_process), "nginx": (after[1] - before[1]) * 1e6 / n if setup["nginx"] else 0.0,
                        "postgres": (after[2] - before[2]) * 1e6 / n}
                    result["cpu_us_per_req"]["total"] = sum(result["cpu_us_per_req"].values())
                    # How the three shared the work: each process's share of the app CPU.
                    result["app_cpu_share"] = [p / max(sum(per_process), 1e-9) for p in per_process]
                    per_setup[name].append(result)
            for name, setup in setups.items():
                results["setups"][name] = {"processes": len(setup["apps"]), "nginx": setup["nginx"], "check": checks[name],
                                           "runs": per_setup[name]}
            results["rss_mib"] = {"apps": [memory_kib(a["proc"].pid) / 1024 for a in apps], "nginx": memory_kib(nginx.pid) / 1024}
            stop_all()
    finally:
        stop_all()
        shutil.rmtree(folder, ignore_errors=True)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)
    for name, data in results["setups"].items():
        r = data["runs"]
        cost = {k: statistics.median(x["cpu_us_per_req"][k] for x in r) for k in ("app", "nginx", "postgres", "total")}
        print(f"  {name}: {statistics.median(x['rps'] for x in r):.0f} rps, p50 {statistics.median(x['p50_ms'] for x in r):.2f} ms, "
              f"p99 {statistics.median(x['p99_ms'] for x in r):.2f} ms, CPU a request: app {cost['app']:.0f} us + nginx "
              f"{cost['nginx']:.0f} us + PostgreSQL {cost['postgres']:.0f} us = {cost['total']:.0f} us", flush=True)


if __name__ == "__main__":
    main()
