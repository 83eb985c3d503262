#!/usr/bin/env python3
"""The admin's change list at scale: tests/AdminApp (Release, JIT) over 100,000 articles and 100,000 comments, logged in as a
superuser, under wrk. Server CPU microseconds per request (from /proc) for a change list page of 100 rows, a search, a deep
page, and the app's own list page of 100 articles beside them. run.sh calls it; it can run alone:

  admin_bench.py WORK OUT.json [--quick]    (WORK/jit/admin-app holds the build)
"""
import json
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from bench import cpu_seconds, free_port, memory_kib, start, stop, wait_ready  # noqa: E402

ROWS = 100_000


def run(app, *args, env=None):
    subprocess.run(["dotnet", os.path.join(app, "AdminApp.dll"), *args], cwd=app, env={**os.environ, **(env or {})},
                   check=True, capture_output=True, timeout=900)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def login(port):
    """A session cookie for the superuser, through the admin's login form (its CSRF cookie and token)."""
    opener = urllib.request.build_opener(NoRedirect)
    base = f"http://127.0.0.1:{port}"
    with opener.open(base + "/admin/login/") as page:
        html = page.read().decode()
        cookies = dict(c.split(";")[0].split("=", 1) for c in page.headers.get_all("Set-Cookie"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": "bench", "password": "bench passphrase 1"}).encode()
    request = urllib.request.Request(base + "/admin/login/", data=body, headers={
        "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "Origin": base})
    try:
        opener.open(request)
    except urllib.error.HTTPError as redirect:
        for line in redirect.headers.get_all("Set-Cookie"):
            name, value = line.split(";")[0].split("=", 1)
            cookies[name] = value
    assert "sessionid" in cookies, "the admin login failed"
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def wrk(port, path, cookie, seconds, connections=16, threads=1):
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "10s",
                          "-H", f"Cookie: {cookie}", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, timeout=seconds + 60).stdout
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), "requests": requests,
            "non2xx": int(bad.group(1)) if bad else 0}


def main():
    work, out = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv
    app = os.path.join(work, "jit", "admin-app")
    data = os.path.join(work, "admin-bench")
    os.makedirs(data, exist_ok=True)
    database = os.path.join(data, "admin.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(database + suffix):
            os.remove(database + suffix)
    env = {"ConnectionStrings__Default": f"Data Source={database}", "Micro__AppLabel": "newsroom", "DOTNET_ENVIRONMENT": "Production",
           "MICRO_SUPERUSER_PASSWORD": "bench passphrase 1"}
    run(app, "migrate", env=env)
    run(app, "seed-articles", "--articles", str(ROWS), env=env)
    run(app, "createsuperuser", "--noinput", "--username", "bench", "--email", "bench@example.com", env=env)

    port = free_port()
    server = start(["dotnet", os.path.join(app, "AdminApp.dll"), "--urls", f"http://127.0.0.1:{port}",
                    "--Logging:LogLevel:Default=Warning"], app, env)
    wait_ready(server, port, "/articles/")
    cookie = login(port)
    pages = [
        ("change list, 100 of 100,000 comments", "/admin/newsroom/comment/"),
        ("change list, page 900 of 1,000", "/admin/newsroom/comment/?p=900"),
        ("change list, search over 100,000 articles", "/admin/newsroom/article/?q=needle"),
        ("change list, filtered and sorted", "/admin/newsroom/article/?status__exact=1&featured__exact=1&o=1"),
        ("the app's list page, 100 articles", "/articles/"),
    ]
    seconds, repeats = (3, 1) if quick else (10, 3)
    results = []
    for label, path in pages:
        wrk(port, path, cookie, 2)  # warm-up: the JIT, the page cache, SQLite's
        runs = []
        for _ in range(repeats):
            before = cpu_seconds(server.pid)
            result = wrk(port, path, cookie, seconds)
            result["cpu_us_per_req"] = (cpu_seconds(server.pid) - before) * 1e6 / max(result["requests"], 1)
            runs.append(result)
        best = sorted(runs, key=lambda r: r["cpu_us_per_req"])[len(runs) // 2]
        assert best["non2xx"] == 0, f"{path}: {best['non2xx']} answers were not 200"
        results.append({"page": label, "path": path, **best, "rss_mib": memory_kib(server.pid) / 1024})
    stop(server)

    json.dump({"rows": ROWS, "quick": quick, "results": results}, open(out, "w"), indent=1)
    print("| page | requests/s | CPU µs/request | RSS MiB |\n|---|---:|---:|---:|")
    for r in results:
        print(f"| {r['page']} (`{r['path']}`) | {r['rps']:,.0f} | {r['cpu_us_per_req']:,.0f} | {r['rss_mib']:.0f} |")


if __name__ == "__main__":
    main()
