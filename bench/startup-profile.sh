#!/usr/bin/env bash
# Where Vigil's start-up time goes: one launch through ./vigil serve (its flags and start-up cache) with a wall-clock
# profiler on the main thread until ready, printed as phases. Run from the repository root:
#   bash bench/startup-profile.sh            (see bench/README.md)
# Needs Linux x86-64 or arm64 (the profiler is async-profiler, fetched from Maven Central through the Maven wrapper).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT=${BENCH_PORT:-18080}
TOKEN=bench-admin-token-0123456789abcdef
OUT=bench/out
STAMP=$(date -u +%Y%m%d-%H%M%S)
WORK=$OUT/startup-profile-$STAMP
mkdir -p "$WORK"

say() { printf '# %s\n' "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }
now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }
http_code() {
    local line=""
    { printf 'GET /q/health/ready HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && IFS= read -r -t 5 line <&3; } \
        2>/dev/null 3<>"/dev/tcp/127.0.0.1/$PORT" || true
    [[ $line =~ ^HTTP/1\.[01]\ ([0-9]{3}) ]] && echo "${BASH_REMATCH[1]}" || echo 000
}

# shellcheck source=bench/profiler.sh
source bench/profiler.sh
lib=$(fetch_profiler "$OUT/tools") || die "no profiler"
./vigil serve --prepare >&2 || die "./vigil serve --prepare failed"
[[ $(http_code) == 000 ]] || die "something already listens on port $PORT; set BENCH_PORT"

data=$(mktemp -d)
pid=""
trap 'if [[ -n $pid ]]; then kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; fi; rm -rf "$data"' EXIT
run() { # NAME: one launch; sets READY_MS
    local name=$1 t0 profile=""
    [[ $name == profiled ]] && profile="-agentpath:$lib=start,event=wall,interval=2ms,threads,collapsed,file=$PWD/$WORK/wall.txt"
    t0=$(now_us)
    JAVA_OPTS="${JAVA_OPTS:-} $profile -Xlog:startuptime:file=$WORK/$name-jvm.log:uptime" VIGIL_DATA_DIR="$data" \
        ./vigil serve --demo --port "$PORT" -Dvigil.auth.initial-admin-token="$TOKEN" >"$WORK/$name.log" 2>&1 &
    pid=$!
    until [[ $(http_code) == 200 ]]; do
        kill -0 "$pid" 2>/dev/null || die "Vigil exited (log: $WORK/$name.log)"
        read -r -t 0.02 -u 9 _ || true
    done
    READY_MS=$((($(now_us) - t0) / 1000))
    read -r -t 2 -u 9 _ || true
    kill -TERM "$pid"
    wait "$pid" 2>/dev/null || true
}
mkfifo "$data/fifo"
exec 9<>"$data/fifo"

say "a first launch makes the database (the profiled one is a restart, as most are)"
run first
run plain
plain_ms=$READY_MS
run profiled
profiled_ms=$READY_MS

ms() { awk -v n="$1" 'BEGIN {printf "%6.0f ms", n * 2}'; } # 2 ms per sample
# Samples of the main thread whose stack holds PATTERN (an awk regular expression on one frame).
on_main() {
    awk -v re="$1" '/^\[main tid=/ {n = $NF; c = split($0, f, ";"); for (i = 2; i <= c; i++) if (f[i] ~ re) {s += n; break}}
        END {print s + 0}' "$WORK/wall.txt"
}
create_vm=$(sed -n 's/.*Create VM, \([0-9.]*\) secs.*/\1/p' "$WORK/profiled-jvm.log")
started=$(sed -n 's/.*started in \([0-9.]*\)s\..*/\1/p' "$WORK/profiled.log")
static=$(on_main 'ApplicationImpl[.]<clinit>')
start=$(on_main 'ApplicationImpl[.]doStart')

{
    echo "Vigil start-up profile, $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1)"
    echo "launch -> /q/health/ready 200: ${plain_ms} ms unprofiled, ${profiled_ms} ms profiled (restart, demo on)"
    echo "Quarkus says started in ${started:-?} s (from its static init to the port open)"
    echo ""
    echo "main thread, wall clock (2 ms samples):"
    printf '  %-58s %s\n' "JVM start (Create VM: start-up cache mapped, classes loaded)" \
        "$(awk -v s="${create_vm:-0}" 'BEGIN {printf "%6.0f ms", s * 1000}')"
    printf '  %-58s %s\n' "Quarkus static init" "$(ms "$static")"
    printf '    %-56s %s\n' "logging set-up (service look-ups over every jar)" "$(ms "$(on_main 'LoggerProviders[.]<clinit>')")"
    printf '    %-56s %s\n' "configuration (static)" "$(ms "$(on_main 'generated/Config[.]<clinit>')")"
    printf '    %-56s %s\n' "CDI container" "$(ms "$(on_main 'ArcRecorder[.]initContainer')")"
    printf '    %-56s %s\n' "REST deployment" "$(ms "$(on_main 'ResteasyReactiveRecorder[.]createDeployment')")"
    printf '  %-58s %s\n' "Quarkus runtime start" "$(ms "$start")"
    printf '    %-56s %s\n' "configuration (runtime)" "$(ms "$(on_main 'Config[.]createRunTimeConfig')")"
    printf '    %-56s %s\n' "metrics registries" "$(ms "$(on_main 'MicrometerRecorder[.]configureRegistries')")"
    printf '    %-56s %s\n' "StartupEvent observers, all" "$(ms "$(on_main 'ArcRecorder[.]handleLifecycleEvents')")"
    awk '/^\[main tid=/ && /handleLifecycleEvents/ {n = $NF; c = split($0, f, ";");
            for (i = 2; i <= c; i++) if (f[i] ~ /_Observer_.*\.notify/) {o = f[i]; sub(/_Observer_.*/, "", o); gsub(/\//, ".", o); s[o] += n; break}}
         END {for (o in s) printf "%d %s\n", s[o], o}' "$WORK/wall.txt" | sort -rn | head -6 |
        while read -r n o; do printf '      %-54s %s\n' "$o" "$(ms "$n")"; done
    printf '    %-56s %s\n' "HTTP server start" "$(ms "$(on_main 'VertxHttpRecorder[.]startServer')")"
    accounted=$(awk -v a="${create_vm:-0}" -v b="$static" -v c="$start" 'BEGIN {printf "%.0f", a * 1000 + (b + c) * 2}')
    echo "  the phases above: $accounted of ${profiled_ms} ms; the rest is the launcher, Quarkus' bootstrap before its static init,"
    echo "  and the first answer to the readiness probe (the background start runs beside them: vigil.start.in-background)"
} | tee "$OUT/startup-profile-$STAMP.txt"
say "profile: $WORK/wall.txt (collapsed stacks); report: $OUT/startup-profile-$STAMP.txt"
