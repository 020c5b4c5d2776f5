#!/usr/bin/env bash
# CPU cost of 1 s host collection (figure 4 of run.sh), repeated: runs alternate between the host source at 1 s and
# no active source, 60 s each after 5 s of settling; prints each run and the medians.
# Run from the repository root: bash bench/host-cpu.sh [pairs]   (default 3; see bench/README.md)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PAIRS=${1:-3}
PORT=${BENCH_PORT:-18082}
SECONDS_MEASURED=${BENCH_SECONDS:-60}
JAR=${BENCH_JAR:-target/quarkus-app/quarkus-run.jar}
CLK_TCK=$(getconf CLK_TCK)
APP_PID=""

cleanup() { [[ -z $APP_PID ]] || kill -KILL "$APP_PID" 2>/dev/null || true; }
trap cleanup EXIT

[[ -f $JAR ]] || ./mvnw -q package -DskipTests
mkdir -p bench/out
LOG=bench/out/host-cpu-$(date -u +%Y%m%d-%H%M%S).log

# utime+stime in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the "(comm)" field).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
ready() { { printf 'GET /q/health/ready HTTP/1.0\r\n\r\n' >&3 && IFS= read -r -t 5 l <&3; } 2>/dev/null \
    3<>"/dev/tcp/127.0.0.1/$PORT" && [[ $l == *" 200"* ]]; }

# run NAME -D...: prints ms of CPU per second of the app over the measured window.
run() {
    local name=$1
    shift
    java "$@" -Dquarkus.http.port="$PORT" -Dvigil.experiments.enabled=false -jar "$JAR" >>"$LOG" 2>&1 &
    APP_PID=$!
    local i
    for i in $(seq 1 900); do ready && break; sleep 0.1; done
    ready || { echo "$name: not ready, see $LOG" >&2; exit 1; }
    sleep 5
    local c0 t0 c1 t1
    c0=$(cpu_ticks "$APP_PID")
    t0=${EPOCHREALTIME/./}
    sleep "$SECONDS_MEASURED"
    c1=$(cpu_ticks "$APP_PID")
    t1=${EPOCHREALTIME/./}
    kill -TERM "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" -v us=$((10#$t1 - 10#$t0)) 'BEGIN {printf "%.2f", 1000 * t / hz / (us / 1e6)}'
}

median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

echo "host collection CPU, $PAIRS pairs of ${SECONDS_MEASURED} s, $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
on=()
off=()
for p in $(seq 1 "$PAIRS"); do
    a=$(run host-1s -Dvigil.host.interval=1s)
    b=$(run no-sources -Dvigil.host.enabled=false)
    on+=("$a")
    off+=("$b")
    echo "pair $p: host at 1 s $a ms CPU/s, host off $b ms CPU/s, difference $(awk -v a="$a" -v b="$b" 'BEGIN {printf "%.2f", a - b}') ms/s; load average $(cut -d' ' -f1-3 /proc/loadavg)"
done
mon=$(printf '%s\n' "${on[@]}" | median)
moff=$(printf '%s\n' "${off[@]}" | median)
echo "median: host at 1 s $mon ms CPU/s, host off $moff ms CPU/s; host collection $(awk -v a="$mon" -v b="$moff" 'BEGIN {printf "%.2f ms CPU per s = %.2f%% of one core", a - b, (a - b) / 10}')"
