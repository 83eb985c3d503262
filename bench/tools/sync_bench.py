#!/usr/bin/env python3
"""What SQLite's durable default costs: sample-app (Release, JIT) taking JSON posts through POST /api/posts/ under wrk, once with
Micro:Database:Synchronous=FULL (the default, as Django keeps it: a committed write survives a power cut) and once with NORMAL
(WAL's faster setting, which may lose the last commits on a power cut but never corrupts the file). Each write is its own
transaction, as a route's write is. Reports writes per second, server CPU microseconds per write (from /proc), and checks that
every 201 is a row. run.sh calls it; it can run alone:

  sync_bench.py WORK OUT.json [--quick]    (WORK/jit/sample-app holds the build)
"""
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from bench import cpu_seconds, free_port, start, stop, wait_ready  # noqa: E402

# Each wrk thread numbers its posts; the thread's id keeps slugs apart.
LUA = r"""
local counter = 0
local id = 0
setup = function(thread) id = id + 1; thread:set("id", id) end
request = function()
  counter = counter + 1
  local slug = "bench-" .. id .. "-" .. counter
  local body = '{"title":"Bench ' .. slug .. '","slug":"' .. slug .. '","year":2024,"body":"A post written by the benchmark.","authorId":1}'
  return wrk.format("POST", "/api/posts/", {["Content-Type"] = "application/json"}, body)
end
"""


def run(app, env, *args):
    subprocess.run(["dotnet", os.path.join(app, "sample-app.dll"), *args], cwd=app, env={**os.environ, **env},
                   check=True, capture_output=True, timeout=600)


def measure(app, data, synchronous, seconds, connections):
    database = os.path.join(data, f"sync-{synchronous.lower()}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    env = {"ConnectionStrings__Default": f"Data Source={database}", "DOTNET_ENVIRONMENT": "Production",
           "Micro__Database__Synchronous": synchronous}
    run(app, env, "migrate")
    run(app, env, "seed", "--authors", "1", "--posts", "0")
    with sqlite3.connect(database) as db:
        before = db.execute("SELECT COUNT(*) FROM \"BlogPosts\"").fetchone()[0]

    port = free_port()
    server = start(["dotnet", os.path.join(app, "sample-app.dll"), "--urls", f"http://127.0.0.1:{port}"], app, env)
    try:
        wait_ready(server, port, "/healthz")
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(LUA)
        cpu_before = cpu_seconds(server.pid)
        out = subprocess.run(["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s", "-s", script.name,
                              f"http://127.0.0.1:{port}"], capture_output=True, text=True, timeout=seconds + 60).stdout
        cpu = cpu_seconds(server.pid) - cpu_before
        os.remove(script.name)
    finally:
        stop(server)

    summary = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", out)
    requests = int(summary.group(1))
    duration = float(summary.group(2)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[summary.group(3)]
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    acknowledged = requests - (int(bad.group(1)) if bad else 0)
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT COUNT(*) FROM \"BlogPosts\"").fetchone()[0] - before
    # Every 201 wrk counted is a row; a write still in flight when wrk stopped may be a row it didn't count (one a connection at most).
    return {"synchronous": synchronous, "connections": connections, "seconds": seconds, "acknowledged": acknowledged, "rows": rows,
            "writes_per_second": round(acknowledged / duration, 1), "cpu_us_per_write": round(cpu / max(rows, 1) * 1e6, 1),
            "every_acknowledged_write_is_a_row": acknowledged <= rows <= acknowledged + connections}


def main():
    work, out = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv
    app = os.path.join(work, "jit", "sample-app")
    data = os.path.join(work, "sync-bench")
    os.makedirs(data, exist_ok=True)
    seconds = 5 if quick else 20
    results = [measure(app, data, synchronous, seconds, connections)
               for connections in (1, 16) for synchronous in ("FULL", "NORMAL")]
    with open(out, "w") as f:
        json.dump({"sqlite_synchronous": results}, f, indent=2)
    for r in results:
        print(f"synchronous={r['synchronous']:<6} {r['connections']:>2} connections: {r['writes_per_second']:>8} writes/s, "
              f"{r['cpu_us_per_write']:>7} us CPU a write, {r['rows']} rows for {r['acknowledged']} 201s")


if __name__ == "__main__":
    main()
