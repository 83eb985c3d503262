#!/usr/bin/env bash
# Every Micro benchmark, side by side with what a user would pick instead, in one command:
#   bash bench/run.sh           the full run (about an hour on 2 cores)
#   bash bench/run.sh --quick   a smoke run: short loads, few repeats (minutes); its numbers are only indicative
# Builds what it needs (Release, JIT and native), installs wrk/hyperfine, PostgreSQL 15 and nginx (and Django + gunicorn
# when available) with apt-get if missing, writes bench/results/*.json|csv and docs/benchmarks.md. Loopback only; every
# server started here (PostgreSQL and nginx included) is stopped on exit. BENCH_WORK chooses the scratch folder (builds, the SQLite file).
set -euo pipefail

QUICK=""
[[ "${1:-}" == "--quick" ]] && QUICK="--quick"
BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH")"
WORK="${BENCH_WORK:-/tmp/micro-bench}"
RESULTS="$BENCH/results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

cleanup() {
  # bench.py stops its own servers; this catches anything left if it was killed.
  jobs -p | xargs -r kill 2>/dev/null || true
}
trap cleanup EXIT

step() { printf '\n== %s (%s)\n' "$1" "$(date -u +%H:%M:%S)"; }

step "tools"
missing=() optional=()
command -v wrk >/dev/null || missing+=(wrk)
command -v hyperfine >/dev/null || missing+=(hyperfine)
# The PostgreSQL and nginx steps start their own server and proxy from these.
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
/usr/bin/python3 -c "import django, gunicorn" 2>/dev/null || optional+=(python3-django gunicorn)
if ((${#missing[@]} + ${#optional[@]})); then
  apt-get update -qq
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
  if ((${#optional[@]})); then
    # Django is optional: its rows are skipped when it can't be installed.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${optional[@]}" || echo "Django/gunicorn unavailable: skipping the Django rows"
  fi
fi

mkdir -p "$WORK" "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/*.csv
python3 - "$RESULTS/machine.json" "$QUICK" <<'PY'
import json, os, platform, sys, datetime, subprocess
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
json.dump({"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "nproc": os.cpu_count(),
           "cpu": cpu, "memory_gib": round(mem / 1048576, 1), "load_before": os.getloadavg(), "quick": bool(sys.argv[2]),
           "kernel": platform.release(),
           "dotnet": subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip(),
           "wrk": subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()[0]},
          open(sys.argv[1], "w"), indent=1)
PY

step "generate the 1,000-route apps and the Fortunes database"
python3 "$BENCH/tools/gen_routes.py" 1000
python3 "$BENCH/tools/make_db.py" "$WORK/fortunes.db"

step "build (Release, JIT)"
# An app built from the Micro package loads Micro.Runtime compiled ReadyToRun on linux-x64 (the package's runtime asset for
# this platform; Micro.Runtime.csproj, AddReadyToRunRuntimeToPackage). The bench apps reference Micro's projects, which give
# them the IL, so each JIT build gets the same ReadyToRun file, published here as the package's is.
dotnet publish "$ROOT/Micro.Runtime" -c Release -r linux-x64 --self-contained false --artifacts-path "$WORK/artifacts/readytorun" \
  -o "$WORK/readytorun" -v quiet -nologo -clp:ErrorsOnly
build() {
  dotnet build "$1" -c Release -o "$WORK/jit/$2" "${@:3}" -v quiet -nologo -clp:ErrorsOnly
  if [[ -f "$WORK/jit/$2/Micro.Runtime.dll" ]]; then
    cp "$WORK/readytorun/Micro.Runtime.dll" "$WORK/jit/$2/Micro.Runtime.dll"
  fi
}
build "$BENCH/apps/micro" micro-bench+routes -p:BenchRoutes=true
build "$BENCH/apps/minimal" minimal-bench+routes -p:BenchRoutes=true
build "$BENCH/apps/micro" micro-bench
build "$BENCH/apps/minimal" minimal-bench
build "$BENCH/apps/kestrel" kestrel-bench
build "$BENCH/apps/micro-plain" micro-plain
build "$ROOT/sample-app" sample-app
build "$ROOT/tests/AdminApp" admin-app

step "publish (native)"
publish() {
  dotnet publish "$1" -c Release -r linux-x64 -p:MicroNative=true --artifacts-path "$WORK/artifacts/$2" \
    -o "$WORK/native/$2" -v quiet -nologo -clp:ErrorsOnly "${@:3}"
}
publish "$BENCH/apps/micro" micro-bench
publish "$BENCH/apps/minimal" minimal-bench
publish "$BENCH/apps/kestrel" kestrel-bench
publish "$BENCH/apps/micro-plain" micro-plain
publish "$ROOT/sample-app" sample-app
publish "$BENCH/apps/hello" hello-bench
# What 1,000 routes add to a native binary, against the same apps without them.
publish "$BENCH/apps/micro" micro-bench+routes -p:BenchRoutes=true
publish "$BENCH/apps/minimal" minimal-bench+routes -p:BenchRoutes=true

step "wait for the machine to settle"
# The builds above load the machine; measure only once the 1-minute load average is under half the cores (at most
# five minutes), and record the load the measurements start from.
python3 - "$RESULTS/machine.json" <<'PY'
import json, os, sys, time
deadline = time.monotonic() + 300
while os.getloadavg()[0] >= 0.5 * os.cpu_count() and time.monotonic() < deadline:
    time.sleep(5)
machine = json.load(open(sys.argv[1]))
machine["load_at_measurements"] = os.getloadavg()
json.dump(machine, open(sys.argv[1], "w"), indent=1)
print(f"  load average {os.getloadavg()[0]:.2f}")
PY

step "HTTP load (wrk)"
python3 "$BENCH/tools/bench.py" http "$WORK" "$RESULTS/http.json" $QUICK

step "allocations per request (dotnet-counters)"
# dotnet-counters is a .NET tool; without it (no package source) the step is skipped and the report leaves its table out.
[[ -x ~/.dotnet/tools/dotnet-counters ]] || dotnet tool install -g dotnet-counters >/dev/null 2>&1 || true
if [[ -x ~/.dotnet/tools/dotnet-counters ]]; then
  python3 "$BENCH/tools/bench.py" alloc "$WORK" "$RESULTS/alloc.json" $QUICK
else
  echo "  dotnet-counters unavailable: skipping"
fi

step "startup and memory"
python3 "$BENCH/tools/bench.py" startup "$WORK" "$RESULTS/startup.json" $QUICK

step "the admin at 100,000 rows"
python3 "$BENCH/tools/admin_bench.py" "$WORK" "$RESULTS/admin.json" $QUICK

step "durable SQLite writes (synchronous FULL and NORMAL)"
python3 "$BENCH/tools/sync_bench.py" "$WORK" "$RESULTS/sync.json" $QUICK

step "Fortunes on PostgreSQL (Micro and the minimal API, JIT and native)"
python3 "$BENCH/tools/pg_fortunes.py" "$WORK" "$RESULTS/fortunes-pg.json" $QUICK

step "one process or three behind nginx (native, Fortunes on PostgreSQL)"
python3 "$BENCH/tools/nginx_bench.py" "$WORK" "$RESULTS/nginx.json" $QUICK

step "CLI cold start (hyperfine)"
runs=30; [[ -n "$QUICK" ]] && runs=5
# help, version and routes are answered from the manifest, and countdown (no services) runs before the host is built; greet
# builds the host; showmigrations also opens the database (a new SQLite file each run). A native console app that prints one
# line is the floor.
native="$WORK/native/sample-app/sample-app" db="$WORK/cli.db"
( cd "$WORK/native/sample-app" &&
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$RESULTS/cli.json" --prepare "rm -f $db" \
    -n "native hello world" "$WORK/native/hello-bench/hello-bench" \
    -n "JIT --help" "dotnet $WORK/jit/sample-app/sample-app.dll --help" \
    -n "native --help" "$native --help" \
    -n "native version" "$native version" \
    -n "native routes" "$native routes" \
    -n "native countdown --from 0" "$native countdown --from 0" \
    -n "JIT greet Ada -t 3 --shout" "dotnet $WORK/jit/sample-app/sample-app.dll greet Ada -t 3 --shout" \
    -n "native greet Ada -t 3 --shout" "$native greet Ada -t 3 --shout" \
    -n "native showmigrations (new SQLite file)" "$native showmigrations '--ConnectionStrings:Default=Data Source=$db'" )
# hyperfine records no date; the report prints when the step ran.
python3 "$BENCH/tools/bench.py" dated "$WORK" "$RESULTS/cli.json"

step "generator and template benchmarks (BenchmarkDotNet)"
# In-process: BenchmarkDotNet 0.14 predates net10.0, and this skips a second build per benchmark.
bdn_job=(--job default); [[ -n "$QUICK" ]] && bdn_job=(--job short)
for project in generator:generator-bench templates:template-bench; do
  assembly="${project#*:}" project="${project%%:*}"
  dotnet build "$BENCH/$project" -c Release -o "$WORK/bdn-bin/$project" -v quiet -nologo -clp:ErrorsOnly
  rm -rf "$WORK/bdn-$project"
  dotnet "$WORK/bdn-bin/$project/$assembly.dll" --filter '*' --inProcess "${bdn_job[@]}" \
    --artifacts "$WORK/bdn-$project" --exporters github csv >"$WORK/bdn-$project.log"
  cp "$WORK/bdn-$project"/results/*-report.csv "$RESULTS/$project.csv"
  cp "$WORK/bdn-$project"/results/*-report-github.md "$WORK/$project.md"
done

step "report"
python3 "$BENCH/tools/report.py" "$RESULTS" "$ROOT/docs/benchmarks.md"
echo "wrote docs/benchmarks.md"
