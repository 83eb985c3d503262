#!/usr/bin/env python3
"""HTTP load (wrk), startup and memory measurements. run.sh calls it; every server it starts is stopped on exit.

  bench.py http    WORK OUT.json [--quick]   all servers side by side, A/B runs alternated
  bench.py startup WORK OUT.json [--quick]   process start to first 200, idle and under-load RSS, binary size
  bench.py alloc   WORK OUT.json [--quick]   bytes the server allocates per request (dotnet-counters during a wrk run)

--only NAME (http and alloc) measures one workload ("blog page"), to try a change without the whole step.
"""
import atexit
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time

TICKS = os.sysconf("SC_CLK_TCK")
PROCS = []
DOTNET_ARGS = ["--Logging:LogLevel:Default=Warning"]


@atexit.register
def stop_all():
    for proc in PROCS:
        if proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except Exception:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except Exception:
                    pass
    PROCS.clear()


signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, timeout=2.0):
    """One HTTP/1.1 GET on loopback: (status, body) or None when nothing answers yet."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
    except OSError:
        return None
    if not data.startswith(b"HTTP/"):
        return None
    head, _, body = data.partition(b"\r\n\r\n")
    if b"\r\ntransfer-encoding: chunked" in head.lower():  # gunicorn chunks a response that has no Content-Length
        chunks, rest = b"", body
        while True:
            line, _, rest = rest.partition(b"\r\n")
            size = int(line.split(b";")[0], 16)
            if size == 0:
                break
            chunks, rest = chunks + rest[:size], rest[size + 2:]
        body = chunks
    return int(head.split()[1]), body


def start(cmd, cwd, env=None):
    proc = subprocess.Popen(cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    PROCS.append(proc)
    return proc


def stop(proc):
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    PROCS.remove(proc)


def wait_ready(proc, port, path, limit=60.0):
    """Seconds from now until the first 200 (the caller starts the clock before Popen)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        answer = get(port, path, timeout=1.0)
        if answer and answer[0] == 200:
            return
        time.sleep(0.0005)
    raise RuntimeError(f"no 200 from :{port}{path} within {limit}s")


def tree(pid):
    """pid and its descendants (gunicorn's workers)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except OSError:
                pass
    result, todo = [], [pid]
    while todo:
        p = todo.pop()
        result.append(p)
        todo += children.get(p, [])
    return result


def cpu_seconds(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])  # utime stime cutime cstime
        except OSError:
            pass
    return total / TICKS


def memory_kib(pid, key="VmRSS"):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith(key + ":"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0}


def wrk(port, path, seconds, connections, threads):
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "5s",
                          "--latency", f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True,
                         timeout=seconds + 30).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {"rps": rps, "requests": requests, "p50_ms": float(p50.group(1)) * UNITS[p50.group(2)],
            "p99_ms": float(p99.group(1)) * UNITS[p99.group(2)],
            "non2xx": int(bad.group(1)) if bad else 0,
            "socket_errors": sum(map(int, errors.groups())) if errors else 0}


def load_run(server, path, seconds, connections, threads):
    pid = server["proc"].pid
    before = cpu_seconds(pid)
    result = wrk(server["port"], path, seconds, connections, threads)
    result["cpu_us_per_req"] = (cpu_seconds(pid) - before) * 1e6 / max(result["requests"], 1)
    result["rss_mib"] = memory_kib(pid) / 1024
    return result


def dotnet_server(work, name, kind):
    # A name with a variant (micro-bench+routes) is the same project built differently: its binary has the project's name.
    if kind == "native":
        return [os.path.join(work, "native", name, name.split("+")[0])], os.path.join(work, "native", name)
    return ["dotnet", os.path.join(work, "jit", name, name.split("+")[0] + ".dll")], os.path.join(work, "jit", name)


def sqlite_server_args(work, port):
    """What the HTTP and allocation steps give a .NET server: its loopback address and the Fortunes SQLite file."""
    return [f"--urls=http://127.0.0.1:{port}", f"--ConnectionStrings:Default=Data Source={os.path.join(work, 'fortunes.db')}"] + DOTNET_ARGS


def http(work, out, quick):
    seconds, runs, warmup = (3, 2, 2) if quick else (15, 5, 10)
    connections, threads = 64, 1
    db = os.path.join(work, "fortunes.db")
    workloads = [
        ("plaintext", "/plaintext", ["micro", "minimal", "kestrel", "kestrel-headers", "django"]),
        ("json", "/json", ["micro", "minimal", "kestrel", "kestrel-headers", "django"]),
        ("fortunes", "/fortunes", ["micro", "minimal", "django"]),
        ("route first", "/item0000/42/spam/", ["micro-routes", "minimal-routes"]),
        ("route middle", "/item0499/42/spam/", ["micro-routes", "minimal-routes"]),
        ("route last", "/item0999/42/spam/", ["micro-routes", "minimal-routes"]),
        # A page as a Django site serves it: a count and a join, a base template, an include, links reversed. The minimal
        # API has no template engine or models, so only Micro and Django serve it, byte for byte the same page.
        ("blog page", "/posts/", ["micro", "django"]),
    ]
    workloads = [w for w in workloads if only(w[0])]
    servers = {
        "micro": dotnet_server(work, "micro-bench", "jit"),
        "minimal": dotnet_server(work, "minimal-bench", "jit"),
        "kestrel": dotnet_server(work, "kestrel-bench", "jit"),
        "kestrel-headers": dotnet_server(work, "kestrel-bench", "jit"),
        "micro-routes": dotnet_server(work, "micro-bench+routes", "jit"),
        "minimal-routes": dotnet_server(work, "minimal-bench+routes", "jit"),
    }
    django_python = "/usr/bin/python3"
    has_django = subprocess.run([django_python, "-c", "import django, gunicorn"], capture_output=True).returncode == 0
    here = os.path.dirname(os.path.abspath(__file__))
    measured = {n for _, _, names in workloads for n in names}
    running = {}
    for name, (cmd, cwd) in servers.items():
        if name not in measured:
            continue
        port = free_port()
        extra = ["--DjangoHeaders=true"] if name == "kestrel-headers" else []
        proc = start(cmd + sqlite_server_args(work, port) + extra, cwd)
        running[name] = {"proc": proc, "port": port}
    if has_django and "django" in measured:
        port = free_port()
        workers = str(os.cpu_count() or 2)
        proc = start([django_python, "-m", "gunicorn", "-w", workers, "-b", f"127.0.0.1:{port}", "--log-level", "warning",
                      "app:application"], os.path.join(here, "..", "apps", "django"), {"FORTUNES_DB": db})
        running["django"] = {"proc": proc, "port": port}
    for name, server in running.items():
        wait_ready(server["proc"], server["port"], "/item0000/1/a/" if name.endswith("-routes") else "/plaintext")

    results = {"settings": {"seconds": seconds, "runs": runs, "warmup_seconds": warmup, "connections": connections,
                            "wrk_threads": threads, "quick": quick, "django": has_django}, "workloads": []}
    for workload, path, names in workloads:
        names = [n for n in names if n in running]
        checks = {}
        for n in names:
            status, body = get(running[n]["port"], path)
            checks[n] = {"status": status, "bytes": len(body)}
            if status != 200:
                raise RuntimeError(f"{n} {path}: {status}")
            if workload == "fortunes" and b"&lt;script&gt;" not in body:
                raise RuntimeError(f"{n} {path}: the script fortune is not escaped")
            if workload == "blog page":
                if b"&lt;b&gt;&amp;amp;&lt;/b&gt;" not in body or body.count(b'<a href="/authors/') != 20:
                    raise RuntimeError(f"{n} {path}: not the first page of 20 posts with its title escaped")
                checks[n]["body"] = body
            wrk(running[n]["port"], path, warmup, connections, threads)
        pages = {checks[n].pop("body") for n in names if "body" in checks[n]}
        if len(pages) > 1:
            raise RuntimeError(f"{path}: Micro and Django serve different pages")
        per_server = {n: [] for n in names}
        for _ in range(runs):
            for n in names:  # A, B, C, A, B, C...: drift in machine load hits every server alike
                per_server[n].append(load_run(running[n], path, seconds, connections, threads))
        for n in names:
            per_server[n] = {"runs": per_server[n], "peak_rss_mib": memory_kib(running[n]["proc"].pid, "VmHWM") / 1024,
                             "check": checks[n]}
        results["workloads"].append({"name": workload, "path": path, "servers": per_server})
        print(f"  {workload}: " + ", ".join(
            f"{n} {statistics.median(r['rps'] for r in per_server[n]['runs']):.0f} rps" for n in names), flush=True)
    stop_all()
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


COUNTERS = os.path.expanduser("~/.dotnet/tools/dotnet-counters")


def utc_now():
    """When a step ran, as its results record it."""
    return time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())


def alloc(work, out, quick):
    """Managed bytes allocated per request: the runtime's allocation counter summed over a wrk run, over the requests.

    Unlike CPU time, this doesn't move with the machine's load, so it shows per-request overhead that a noisy machine
    hides. The counter session starts 1.5 s before the run and ends about 2.5 s after it; those idle seconds count too.
    """
    seconds = 3 if quick else 8
    apps = {"micro": "micro-bench", "minimal": "minimal-bench", "kestrel": "kestrel-bench"}
    route_apps = {"micro": "micro-bench+routes", "minimal": "minimal-bench+routes"}
    measured = utc_now()
    results = {"settings": {"seconds": seconds, "connections": 64, "quick": quick, "date": measured}, "workloads": []}
    workloads = [
        ("plaintext", "/plaintext", apps),
        ("json", "/json", apps),
        ("fortunes", "/fortunes", {n: apps[n] for n in ("micro", "minimal")}),
        ("route first", "/item0000/42/spam/", route_apps),
        ("blog page", "/posts/", {"micro": "micro-bench"}),
    ]
    for workload, path, servers in [w for w in workloads if only(w[0])]:
        per_server = {}
        for name, app in servers.items():
            cmd, cwd = dotnet_server(work, app, "jit")
            port = free_port()
            proc = start(cmd + sqlite_server_args(work, port), cwd)
            wait_ready(proc, port, path)
            wrk(port, path, 2 if quick else 5, 64, 1)  # warm: JIT tiers and pools settle before counting
            csv_path = os.path.join(work, f"counters-{name}.csv")
            if os.path.exists(csv_path):
                os.remove(csv_path)
            counters = subprocess.Popen([COUNTERS, "collect", "-p", str(proc.pid), "--format", "csv", "-o", csv_path,
                                         "--refresh-interval", "1", "--counters", "System.Runtime",
                                         "--duration", f"00:00:{seconds + 4:02d}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.5)
            run = wrk(port, path, seconds, 64, 1)
            counters.wait(timeout=seconds + 60)
            with open(csv_path) as f:
                allocated = sum(float(line.rsplit(",", 1)[1]) for line in f if "dotnet.gc.heap.total_allocated" in line)
            per_server[name] = {"requests": run["requests"], "allocated_bytes": allocated,
                                "bytes_per_request": allocated / max(run["requests"], 1)}
            stop(proc)
        results["workloads"].append({"name": workload, "path": path, "servers": per_server})
        print(f"  {workload}: " + ", ".join(f"{n} {v['bytes_per_request']:.0f} B" for n, v in per_server.items()), flush=True)
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


def startup(work, out, quick):
    """Start to first response, idle and under-load memory, binary size.

    The starts alternate between the apps (one start of each, then the next round), as the HTTP runs do, so that a
    machine that slows down or speeds up during the step moves every app's times alike and the ratios hold.
    """
    repeats = 5 if quick else 20
    # When and on what load, so that a page mixing this step's results with an older run's says so.
    measured = {"date": utc_now(), "load_average": os.getloadavg()}
    apps = [("micro-bench", "/plaintext"), ("minimal-bench", "/plaintext"), ("kestrel-bench", "/plaintext"), ("micro-plain", "/plaintext"),
            ("sample-app", "/"), ("micro-bench+routes", "/item0000/1/a/"), ("minimal-bench+routes", "/item0000/1/a/")]
    # The apps found, each with its command and the page it asks for, and its results.
    runs = []
    for name, path in apps:
        for kind in ("jit", "native"):
            cmd, cwd = dotnet_server(work, name, kind)
            if os.path.exists(cmd[-1]):
                runs.append((cmd, cwd, path, {"app": name, "kind": kind, "first_response_ms": []}))
    for i in range(repeats):
        for cmd, cwd, path, entry in runs:
            port = free_port()
            began = time.monotonic()
            proc = start(cmd + [f"--urls=http://127.0.0.1:{port}"] + DOTNET_ARGS, cwd)
            wait_ready(proc, port, path)
            entry["first_response_ms"].append((time.monotonic() - began) * 1000)
            if i == 0:  # memory once per app: idle after a second, then after two seconds of load
                time.sleep(1.0)
                entry["idle_rss_mib"] = memory_kib(proc.pid) / 1024
                wrk(port, path, 2, 16, 1)
                entry["under_load_peak_rss_mib"] = memory_kib(proc.pid, "VmHWM") / 1024
            stop(proc)
    for cmd, cwd, _, entry in runs:
        if entry["kind"] == "native":
            entry["binary_bytes"] = os.path.getsize(cmd[0])
            # Native libraries the binary loads from beside itself (SQLite); symbols and docs don't count.
            entry["beside_bytes"] = sum(os.path.getsize(os.path.join(cwd, f)) for f in os.listdir(cwd)
                                        if f.endswith(".so"))
        print(f"  {entry['app']} {entry['kind']}: {statistics.median(entry['first_response_ms']):.1f} ms, "
              f"idle {entry['idle_rss_mib']:.1f} MiB", flush=True)
    results = [entry for _, _, _, entry in runs]
    with open(out, "w") as f:
        json.dump({"repeats": repeats, **measured, "apps": results}, f, indent=1)


def dated(work, out, quick):
    """Records when a step ran in `out`, the JSON of a step another tool wrote (hyperfine's CLI timings)."""
    with open(out) as f:
        results = json.load(f)
    results["date"] = utc_now()
    with open(out, "w") as f:
        json.dump(results, f, indent=1)


def only(workload):
    """Whether to measure `workload`: every one, unless --only NAME names one."""
    return "--only" not in sys.argv or sys.argv[sys.argv.index("--only") + 1] == workload


if __name__ == "__main__":
    mode, work, out = sys.argv[1:4]
    {"http": http, "startup": startup, "alloc": alloc, "dated": dated}[mode](work, out, "--quick" in sys.argv)
