#!/usr/bin/env python3
"""Writes docs/benchmarks.md from bench/results (and BenchmarkDotNet's tables in the work folder)."""
import json
import os
import statistics
import sys

results, work, out = sys.argv[1:4]


def load(name):
    path = os.path.join(results, name)
    return json.load(open(path)) if os.path.exists(path) else None


machine, http, startup, cli = load("machine.json"), load("http.json"), load("startup.json"), load("cli.json")
med = statistics.median
lines = []
w = lines.append
SERVER_NAMES = {
    "micro": "Micro", "minimal": "minimal API (baseline)", "kestrel": "raw Kestrel `app.Run` (ceiling)",
    "django": "Django + gunicorn", "micro-routes": "Micro", "minimal-routes": "minimal API (baseline)",
}
BASELINES = {"micro": "minimal", "kestrel": "minimal", "django": "minimal", "micro-routes": "minimal-routes"}

w("# Benchmarks")
w("")
# The load the measurements started from (run.sh waits for the builds' load to settle); older results only have the
# load before the builds.
load_average = machine.get("load_at_measurements", machine["load_before"])
loaded = load_average[0] > 0.5 * machine["nproc"]
if machine["quick"] or loaded:
    w("> **" + " and ".join(filter(None, [
        "A quick smoke run (`bash bench/run.sh --quick`: short loads, few repeats)" if machine["quick"] else "",
        f"measured on a loaded machine (load average {load_average[0]:.1f} on {machine['nproc']} cores when measuring began)" if loaded else "",
    ])) + ".** These numbers prove the harness works end to end; they are not the figures to quote. "
      "Run `bash bench/run.sh` on a quiet machine for those.")
    w("")
w("Reproduce everything with one command: `bash bench/run.sh` (`--quick` for a smoke run). It builds the apps "
  "(Release; JIT and NativeAOT), runs every benchmark and rewrites this page and `bench/results/`.")
w("")
w("| machine | |")
w("|---|---|")
w(f"| date | {machine['date']} |")
w(f"| CPU | {machine['cpu']} |")
w(f"| cores (nproc) | {machine['nproc']} |")
w(f"| memory | {machine['memory_gib']} GiB |")
w(f"| kernel | {machine['kernel']} |")
w(f"| .NET SDK | {machine['dotnet']} (net10.0: the JIT and NativeAOT) |")
w(f"| load average before the builds | {' / '.join(f'{x:.2f}' for x in machine['load_before'])} |")
if "load_at_measurements" in machine:
    w(f"| load average when measuring began | {' / '.join(f'{x:.2f}' for x in machine['load_at_measurements'])} |")
w(f"| load generator | {machine['wrk']} |")
w("")

goals = []


def rps(workload, server):
    return med(r["rps"] for r in workload["servers"][server]["runs"])


if http:
    s = http["settings"]
    w("## HTTP")
    w("")
    w(f"`wrk` on 127.0.0.1, {s['connections']} connections, {s['wrk_threads']} thread, {s['seconds']} s per run after a "
      f"{s['warmup_seconds']} s warm-up; {s['runs']} runs per server, alternating between servers (A, B, C, A, B, C...). "
      "Each figure is the median over the runs. CPU is the server's user + system time from `/proc/<pid>/stat` "
      "(all processes for gunicorn) divided by the requests served. The load generator shares the machine's cores with "
      "the server. Ratios are Micro's requests per second over the baseline's (higher is better for Micro). The three "
      ".NET servers run without logging providers (the baseline's `ClearProviders()`), so none of them pays ASP.NET "
      "Core's per-request logging scope.")
    w("")
    for workload in http["workloads"]:
        w(f"### {workload['name']} (`GET {workload['path']}`)")
        w("")
        w("| server | requests/s | ratio to baseline | p99 latency | CPU per request | peak RSS |")
        w("|---|---:|---:|---:|---:|---:|")
        for name, data in workload["servers"].items():
            runs = data["runs"]
            base = BASELINES.get(name)
            ratio = f"{rps(workload, name) / rps(workload, base):.2f}x" if base in workload["servers"] else "baseline" if name.startswith("minimal") else ""
            errors = sum(r["non2xx"] + r["socket_errors"] for r in runs)
            w(f"| {SERVER_NAMES[name]} | {med(r['rps'] for r in runs):,.0f} | {ratio} | {med(r['p99_ms'] for r in runs):.2f} ms "
              f"| {med(r['cpu_us_per_req'] for r in runs):.1f} µs | {data['peak_rss_mib']:.0f} MiB |"
              + (f" ({errors} errors)" if errors else ""))
        w("")
        micro = "micro" if "micro" in workload["servers"] else "micro-routes"
        ratio = rps(workload, micro) / rps(workload, BASELINES[micro])
        target = 1.0 if workload["name"] == "fortunes" else 0.97
        goals.append((f"{workload['name']}: Micro at {'or above the baseline' if target == 1.0 else '0.97x of the baseline or better'}",
                      f"{ratio:.2f}x", ratio >= target))
    if not s["django"]:
        w("Django rows skipped: Debian's python3-django and gunicorn were not installed.")
        w("")

if startup:
    w("## Startup and footprint")
    w("")
    w(f"Time from starting the process to the first 200 response (median of {startup['repeats']} starts; the app's "
      "plaintext page, `/` for the sample app), resident memory one second after that first response (idle) and the "
      "peak resident memory after two seconds of `wrk` load (16 connections), binary size of the native publish "
      "(the SQLite apps also load `libe_sqlite3.so` from beside the binary). The sample app keeps the console logging "
      "every Micro app has by default; the bench apps have no logging provider.")
    w("")
    w("| app | runtime | first response | idle RSS | under-load peak RSS | binary |")
    w("|---|---|---:|---:|---:|---:|")
    names = {"micro-bench": "Micro (bench app)", "minimal-bench": "minimal API", "kestrel-bench": "raw Kestrel",
             "sample-app": "Micro sample app"}
    for app in startup["apps"]:
        size = f"{app['binary_bytes'] / 1e6:.1f} MB" if "binary_bytes" in app else ""
        if app.get("beside_bytes"):
            size += f" (+ {app['beside_bytes'] / 1e6:.1f} MB of .so beside it)"
        w(f"| {names[app['app']]} | {'NativeAOT' if app['kind'] == 'native' else 'JIT'} | {med(app['first_response_ms']):.1f} ms "
          f"| {app['idle_rss_mib']:.1f} MiB | {app['under_load_peak_rss_mib']:.1f} MiB | {size} |")
    w("")
    for app in startup["apps"]:
        if app["kind"] == "native" and app["app"] in ("micro-bench", "sample-app"):
            ms = med(app["first_response_ms"])
            goals.append((f"native start to first response under 30 ms ({names[app['app']]})", f"{ms:.1f} ms", ms < 30))
        if app["kind"] == "native" and app["app"] == "sample-app":
            mb = app["binary_bytes"] / 1e6
            goals.append(("native binary of the sample app under 20 MB", f"{mb:.1f} MB", mb < 20))

if cli:
    w("## CLI cold start")
    w("")
    w("The sample app's commands, timed by `hyperfine -N` (median; the JIT rows run `dotnet sample-app.dll`).")
    w("")
    w("| command | median | mean ± σ | ratio to JIT |")
    w("|---|---:|---:|---:|")
    by_name = {r["command"]: r for r in cli["results"]}
    for r in cli["results"]:
        jit = by_name.get(r["command"].replace("native", "JIT"))
        w(f"| `{r['command']}` | {r['median'] * 1000:.1f} ms | {r['mean'] * 1000:.1f} ± {r['stddev'] * 1000:.1f} ms "
          f"| {r['median'] / jit['median']:.2f}x |" if jit else "|")
    w("")


admin = load("admin.json")
if admin:
    w("## The admin at scale")
    w("")
    w(f"tests/AdminApp (Release, JIT) over {admin['rows']:,} articles and as many comments, logged in as a superuser, `wrk` with 16 "
      "connections; server CPU per request from /proc (median of the runs). A change list page counts the rows (`COUNT`), "
      "reads one page (`LIMIT`/`OFFSET`, never the table) and loads the page's references with one more query; the app's own "
      "list page renders 100 articles with their writers through a template.")
    w("")
    w("| page | requests/s | CPU per request | RSS |")
    w("|---|---:|---:|---:|")
    for r in admin["results"]:
        w(f"| {r['page']} (`{r['path']}`) | {r['rps']:,.0f} | {r['cpu_us_per_req']:,.0f} µs | {r['rss_mib']:.0f} MiB |")
    w("")

sync = load("sync.json")
if sync:
    w("## What durable SQLite writes cost")
    w("")
    w("sample-app (Release, JIT) taking JSON posts through `POST /api/posts/` under `wrk`, one transaction a post, with "
      "`Micro:Database:Synchronous` at `FULL` (the default, as Django keeps SQLite: a committed write survives a power cut) and at "
      "`NORMAL` (WAL's faster setting: the last commits may be lost on a power cut, the file is never corrupted). Every 201 is "
      "checked to be a row (a write in flight when `wrk` stops may be a row it didn't count).")
    w("")
    w("| synchronous | connections | writes/s | CPU per write | rows = 201s |")
    w("|---|---:|---:|---:|---|")
    for r in sync["sqlite_synchronous"]:
        w(f"| {r['synchronous']} | {r['connections']} | {r['writes_per_second']:,.0f} | {r['cpu_us_per_write']:,.0f} µs | "
          f"{'yes' if r['every_acknowledged_write_is_a_row'] else 'NO'} |")
    w("")


def bdn_table(name, title, text):
    path = os.path.join(work, f"{name}.md")
    if not os.path.exists(path):
        return
    w(f"## {title}")
    w("")
    w(text)
    w("")
    w("\n".join(line.replace("&#39;", "'") for line in open(path).read().splitlines() if line.startswith("|")))
    w("")


bdn_table("generator", "Generator cost",
          "BenchmarkDotNet 0.14.0 (in-process) over `CSharpGeneratorDriver` with Micro's generator, for an app of N "
          "routes (each with two typed route values and a name): a full run from a new driver, and the incremental "
          "pass of a warm driver after an edit to an unrelated file.")
bdn_table("templates", "Template rendering",
          "BenchmarkDotNet 0.14.0 (in-process): a list page of 100 items (`upper`, `length`, `floatformat`, `default`, "
          "`if`, autoescaping) rendered by Micro's template runtime (`Template.Parse` once, a dictionary context, a "
          "registered accessor for the items), by Handlebars.Net (helpers for the filters) and by a hand-written "
          "`StringBuilder`. The three outputs are checked to be identical before timing.")

w("## Goals")
w("")
w("Reported, not asserted anywhere.")
w("")
w("| goal | measured | |")
w("|---|---:|---|")
for goal, measured, met in goals:
    w(f"| {goal} | {measured} | {'met' if met else '**not met**'} |")
w("")
w("Raw data: `bench/results/` (`http.json`, `startup.json`, `admin.json`, `sync.json`, `cli.json`, `generator.csv`, `templates.csv`, `machine.json`).")

# Goals read better first: move the section to after the machine table.
text = "\n".join(lines)
head, goals_section = text.split("\n## Goals\n", 1)
goals_body, raw = goals_section.rsplit("\nRaw data:", 1)
first_section = head.index("\n## ")
text = head[:first_section] + "\n## Goals\n" + goals_body + head[first_section:] + "\nRaw data:" + raw
open(out, "w").write(text.rstrip() + "\n")
