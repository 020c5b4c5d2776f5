#!/usr/bin/env bash
# Vigil benchmark harness: startup time, memory, WebSocket latency, cost of host collection.
# Run from the repository root: bash bench/run.sh   (see bench/README.md)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT=${BENCH_PORT:-18080}
JAR=target/quarkus-app/quarkus-run.jar
LIB_CP="target/quarkus-app/lib/main/*"
# HistoryStore logs through jboss-logging, which the Quarkus layout keeps in lib/boot.
STORE_CP="target/classes:target/quarkus-app/lib/main/*:target/quarkus-app/lib/boot/*"
# The API and /ws/metrics need a token: the app under test gets this one as its initial admin token.
BENCH_TOKEN=${BENCH_TOKEN:-bench-admin-token-0123456789abcdef}
WS_URL="ws://localhost:${PORT}/ws/metrics?token=${BENCH_TOKEN}"
WS_LEVELS=${BENCH_WS_LEVELS:-1,100,1000}
WS_HOLD=${BENCH_WS_HOLD:-10000}
WS_HOLD_HEAP=${BENCH_WS_HOLD_HEAP:-384m}
# BENCH_PIPELINES=false leaves out the pipelines ingest (it needs RabbitMQ and takes 10-12 minutes).
PIPELINES=${BENCH_PIPELINES:-true}
if [[ $PIPELINES == true ]]; then STEPS=5; else STEPS=4; fi

STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=bench/out
LOGS=$OUT/logs-$STAMP
REPORT=$OUT/report-$STAMP.txt
mkdir -p "$LOGS"
: >"$REPORT"

TMP=$(mktemp -d)
PIDS=()

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    exec 9>&- 2>/dev/null || true
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers -----------------------------------------------------------------------------------------------------

R() { printf '%s\n' "$*" | tee -a "$REPORT"; }   # a report line: stdout and the report file
say() { printf '# %s\n' "$*" >&2; }              # progress: stderr only
die() { say "FAILED: $*"; exit 1; }

now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }

# Sleeping without forking a process every 20 ms (the poll must not steal CPU from the starting app).
mkfifo "$TMP/sleep.fifo"
exec 9<>"$TMP/sleep.fifo"
nap() { read -r -t "$1" -u 9 _ || true; }

# HTTP status of GET PATH over bash's /dev/tcp; "000" when nothing answers.
http_code() {
    local path=$1 line=""
    { printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3 && IFS= read -r -t 5 line <&3; } \
        2>/dev/null 3<>"/dev/tcp/127.0.0.1/$PORT" || true
    line=${line%$'\r'}
    if [[ $line =~ ^HTTP/1\.[01]\ ([0-9]{3}) ]]; then echo "${BASH_REMATCH[1]}"; else echo 000; fi
}

# Body of GET PATH (small JSON answers only).
http_body() {
    local path=$1
    { printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nAccept: application/json\r\nAuthorization: Bearer %s\r\n\r\n' "$path" "$BENCH_TOKEN" >&3 && timeout 10 cat <&3; } \
        2>/dev/null 3<>"/dev/tcp/127.0.0.1/$PORT" | tr -d '\r' | sed '1,/^$/d'
}

json_num() { grep -o "\"$1\":[0-9.]*" <<<"$2" | head -1 | cut -d: -f2; }

APP_PID=""
APP_T0_US=0
APP_LOG=""

# start_app NAME [--demo] -Dkey=value...: launches Vigil as users do, through ./vigil serve (its JVM flags and its
# start-up cache; the launcher execs the JVM, so the PID is the JVM's). Each NAME gets its own data directory, so a
# name used again finds the database of the last launch (a restart). APP_T0_US is taken right before the fork.
start_app() {
    local name=$1
    shift
    APP_LOG=$LOGS/app-$name.log
    APP_T0_US=$(now_us)
    VIGIL_DATA_DIR="$TMP/data-$name" ./vigil serve --port "$PORT" "$@" \
        -Dvigil.auth.initial-admin-token="$BENCH_TOKEN" >"$APP_LOG" 2>&1 &
    APP_PID=$!
    PIDS+=("$APP_PID")
}

# start_bare NAME: the reference, a bare Quarkus REST app (bench/bare), started with plain java -jar on the JDK the
# launcher uses (JAVA_HOME, else the PATH's).
start_bare() {
    APP_LOG=$LOGS/app-$1.log
    APP_T0_US=$(now_us)
    "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Dquarkus.http.port="$PORT" -jar "$BARE_JAR" >"$APP_LOG" 2>&1 &
    APP_PID=$!
    PIDS+=("$APP_PID")
}

# wait_ready: polls /q/health/ready every 20 ms; prints ms from launch to the first 200.
wait_ready() {
    local deadline=$(($(now_us) + 90000000)) code
    while :; do
        code=$(http_code /q/health/ready)
        if [[ $code == 200 ]]; then
            echo $((($(now_us) - APP_T0_US) / 1000))
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { tail -20 "$APP_LOG" >&2; die "app exited before it was ready (log: $APP_LOG)"; }
        (($(now_us) < deadline)) || { tail -20 "$APP_LOG" >&2; die "app not ready after 90 s (last status $code)"; }
        nap 0.02
    done
}

stop_app() {
    [[ -n $APP_PID ]] || return 0
    kill -TERM "$APP_PID" 2>/dev/null || true
    local i
    for i in $(seq 1 100); do
        kill -0 "$APP_PID" 2>/dev/null || break
        nap 0.1
    done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
    nap 1
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status"; }
# utime+stime in clock ticks (fields 14 and 15 of /proc/PID/stat, counted after the "(comm)" field).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# Busy time of the whole machine (all cores) in clock ticks, from the first line of /proc/stat.
busy_ticks() { awk 'NR == 1 {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
# pct TICKS MICROSECONDS: percent of one core
pct() { awk -v t="$1" -v hz="$CLK_TCK" -v us="$2" 'BEGIN {printf "%.0f", 100 * t / hz / (us / 1e6)}'; }
# Java heap in use (all generations), kB, from jcmd GC.heap_info; 0 without jcmd.
heap_used_kb() {
    { "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$1" GC.heap_info 2>/dev/null || true; } \
        | awk '/generation|garbage-first heap|^ *(DefNew|Tenured) / {for (i = 1; i < NF; i++) if ($i == "used") {v = $(i + 1); gsub(/[^0-9]/, "", v); s += v}} END {print s + 0}'
}
# alloc_mb_per_s GC_LOG FROM_MS TO_MS: MB allocated per second between two JVM uptimes, from -Xlog:gc lines
# "[12.345s] GC(3) Pause Young (Allocation Failure) 20M->5M(60M) 3.2ms" (uptimes are counted from the launch).
alloc_mb_per_s() {
    awk -v from="$2" -v to="$3" '/Pause/ && match($0, /[0-9]+M->[0-9]+M/) {
            u = substr($1, 2) * 1000; split(substr($0, RSTART, RLENGTH), h, /M->|M/)
            if (seen && u >= from && u <= to) {alloc += h[1] - after; last = u; if (!first) first = prev}
            after = h[2]; prev = u; seen = 1}
        END {if (last > first) printf "%.1f", alloc / ((last - first) / 1000); else print "?"}' "$1"
}
mib() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }

# --- preparation -------------------------------------------------------------------------------------------------

if [[ ! -f $JAR || ! -d target/classes/io/vigil/hub ]]; then
    say "building $JAR"
    ./mvnw -q package -DskipTests
fi
[[ -f $JAR ]] || die "no $JAR after the build"
# The launcher makes the JVM's start-up cache once per build; made here, so that no measured launch makes it.
./vigil serve --prepare >&2 || die "./vigil serve --prepare failed"
BARE_JAR=bench/bare/target/quarkus-app/quarkus-run.jar
if [[ ! -f $BARE_JAR ]]; then
    say "building the bare Quarkus reference app"
    ./mvnw -q -f bench/bare/pom.xml package -DskipTests
fi

if [[ $(http_code /q/health/ready) != 000 ]]; then
    die "something already listens on port $PORT; set BENCH_PORT"
fi

# 1,000 WebSockets need 1,000+ descriptors on both ends; both JVMs inherit this shell's limit.
hard=$(ulimit -Hn)
if [[ $hard == unlimited ]] || ((hard > 65536)); then ulimit -n 65536; else ulimit -n "$hard"; fi

CLK_TCK=$(getconf CLK_TCK)
R "Vigil benchmark report, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
R "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' (src or pom.xml modified)')"
R "machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
qb0=$(busy_ticks)
q0=$(now_us)
nap 3
qb1=$(busy_ticks)
quiet=$(pct $((qb1 - qb0)) $(($(now_us) - q0)))
R "before start: machine busy ${quiet}% of one core over 3 s (of $(nproc) cores = $(($(nproc) * 100))%), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if ((quiet > 20)); then
    R "WARNING: other work is using the CPU; every figure below is skewed by it (see the CPU lines)"
fi
R "java: $("${JAVA_HOME:+$JAVA_HOME/bin/}java" -version 2>&1 | head -1); Vigil runs through ./vigil serve (its JVM flags and start-up cache$([[ -n ${JAVA_OPTS:-} ]] && echo ", JAVA_OPTS=$JAVA_OPTS")); ulimit -n $(ulimit -n); port $PORT"
R "client programs and the app share the machine's cores."
R ""

# --- 1. startup ---------------------------------------------------------------------------------------------------

say "1/$STEPS startup: 3 rounds of bare Quarkus, Vigil on a new database, Vigil restarted"
R "1. Time from process start to ready (GET /q/health/ready = 200, polled every 20 ms); Vigil with --demo through ./vigil serve"
R "   bare: bench/bare (quarkus-rest + quarkus-smallrye-health, same Quarkus, aot-jar), plain java -jar, default flags"
R "   fresh: a new data directory each launch (Flyway creates the schema); restart: the same directory again"
# One launch to make the database the restarts find.
start_app startup-restart --demo
wait_ready >/dev/null
stop_app
bare=() fresh=() restart=()
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
for i in 1 2 3; do
    start_bare "startup-bare-$i"
    bare+=("$(wait_ready)")
    bare_rss=$(rss_kb "$APP_PID")
    stop_app
    start_app "startup-fresh-$i" --demo
    fresh+=("$(wait_ready)")
    fresh_rss=$(rss_kb "$APP_PID")
    started=$(grep -o 'started in [0-9.]*s' "$APP_LOG" | head -1 || true)
    stop_app
    start_app startup-restart --demo
    restart+=("$(wait_ready)")
    restart_rss=$(rss_kb "$APP_PID")
    stop_app
    R "   round $i: bare ${bare[-1]} ms (RSS $(mib "$bare_rss") MiB), fresh ${fresh[-1]} ms (RSS $(mib "$fresh_rss") MiB; Quarkus: \"${started:-?}\"), restart ${restart[-1]} ms (RSS $(mib "$restart_rss") MiB)"
done
mb=$(median3 "${bare[@]}")
mf=$(median3 "${fresh[@]}")
mr=$(median3 "${restart[@]}")
R "   median: bare $mb ms; Vigil fresh $mf ms ($(awk -v a="$mf" -v b="$mb" 'BEGIN {printf "%.2f", a / b}')x bare), restart $mr ms ($(awk -v a="$mr" -v b="$mb" 'BEGIN {printf "%.2f", a / b}')x bare; goal <= 1.2x)"
R ""

# --- 2. memory ----------------------------------------------------------------------------------------------------

say "2/$STEPS memory: app 30 s with 10 subscribers, then HistoryFill"
R "2. Memory"
R "2a. App RSS, default 60 min history window, vigil.host.interval=1s, vigil.experiments.interval=200ms, demo on, 10 WebSocket subscribers"
# Native memory tracking (summary level, about 2 MB of its own) says what the RSS is made of.
JAVA_OPTS="${JAVA_OPTS:-} -XX:NativeMemoryTracking=summary" start_app memory -Dvigil.demo=true -Dvigil.host.interval=1s \
    -Dvigil.experiments.interval=200ms
ms=$(wait_ready)
rss_ready=$(rss_kb "$APP_PID")
java -Dws.compress=true -cp "$LIB_CP" bench/WsLatency.java hold "$WS_URL" 10 "$TMP/stop-hold" 300 >"$LOGS/memory-client.log" 2>&1 &
CLIENT_PID=$!
PIDS+=("$CLIENT_PID")
for _ in $(seq 1 600); do
    grep -q '^HOLDING' "$LOGS/memory-client.log" && break
    kill -0 "$CLIENT_PID" 2>/dev/null || { cat "$LOGS/memory-client.log" >&2; die "subscriber client exited"; }
    nap 0.1
done
grep -q '^HOLDING' "$LOGS/memory-client.log" || die "subscribers did not connect"
held_since_us=$(now_us)
mb0=$(busy_ticks)
ma0=$(cpu_ticks "$APP_PID")
# 30 s with the subscribers connected (and at least 30 s since launch).
nap 30
mb1=$(busy_ticks)
ma1=$(cpu_ticks "$APP_PID")
held_us=$(($(now_us) - held_since_us))
ran_s=$((($(now_us) - APP_T0_US) / 1000000))
rss=$(rss_kb "$APP_PID")
hwm=$(hwm_kb "$APP_PID")
rss_anon=$(awk '/^RssAnon:/ {print $2}' "/proc/$APP_PID/status")
rss_file=$(awk '/^RssFile:/ {print $2}' "/proc/$APP_PID/status")
status=$(http_body /api/v1/status)
heap="$(heap_used_kb "$APP_PID") kB used (all generations)"
# "-  Java Heap (reserved=...KB, committed=49760KB)" -> "Java Heap 48.6"; the largest parts, MiB committed
nmt=$({ "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$APP_PID" VM.native_memory summary 2>/dev/null || true; } \
    | sed -n 's/^-  *\(.*[^ ]\) *(reserved=[0-9]*KB, committed=\([0-9]*\)KB.*/\2 \1/p' | sort -rn | head -7 \
    | awk '{kb = $1; $1 = ""; sub(/^ /, ""); printf "%s%s %.1f", (NR > 1 ? ", " : ""), $0, kb / 1024}')
touch "$TMP/stop-hold"   # the client closes its sockets with a close handshake and exits
wait "$CLIENT_PID" 2>/dev/null || true
stop_app
R "   ready after $ms ms; RSS at ready: $rss_ready kB ($(mib "$rss_ready") MiB)"
app_pct=$(pct $((ma1 - ma0)) "$held_us")
machine_pct=$(pct $((mb1 - mb0)) "$held_us")
R "   during those 30 s (% of one core): app ${app_pct}%, whole machine ${machine_pct}%, so other processes (the 10-subscriber client included) $((machine_pct - app_pct))%"
R "   after ${ran_s} s running, $((held_us / 1000000)) s with subscribers: VmRSS $rss kB ($(mib "$rss") MiB), VmHWM $hwm kB ($(mib "$hwm") MiB)"
R "      of the RSS: anonymous $(mib "$rss_anon") MiB (heap, code, threads, malloc), file-backed $(mib "$rss_file") MiB (the JVM's start-up cache and jars, mapped read-only)"
bytes=$(json_num bytes_allocated "$status")
R "   /api/v1/status: subscribers $(json_num subscribers "$status"), history series $(json_num series "$status"), bytes_allocated ${bytes:-?} ($(mib $((${bytes:-0} / 1024))) MiB), refused_samples $(json_num refused_samples "$status")"
[[ -n $heap ]] && R "   JVM heap at that moment (jcmd GC.heap_info): $heap"
[[ -n $nmt ]] && R "   what the JVM has committed, largest first, MiB (native memory tracking; 'Shared class space' is the start-up cache): $nmt"

R "2b. HistoryStore heap with a full 60 min window (bench/HistoryFill.java): 200 series, 24 h of 1 s samples"
java -cp "$STORE_CP" bench/HistoryFill.java 200 24 >"$LOGS/historyfill.log" 2>&1 || { cat "$LOGS/historyfill.log" >&2; die "HistoryFill failed"; }
hf() { grep "^RESULT $1=" "$LOGS/historyfill.log" | cut -d= -f2; }
R "   series $(hf series), samples $(hf samples), fill took $(hf fill_seconds) s"
R "   heap used after GC: before $(hf heap_before) B, after first sample of each series $(hf heap_after_first) B, after 24 h fill $(hf heap_after_fill) B"
R "   per series: $(hf bytes_per_series_first) B once created, $(hf bytes_per_series_full) B fully filled; store's bytes_allocated $(hf bytes_allocated_per_series) B/series"
R "2c. History snapshot (bench/HistoryPersist.java): 1000 full series written to a file 7 times, then read back"
java -cp "$STORE_CP" bench/HistoryPersist.java 1000 7 >"$LOGS/historypersist.log" 2>&1 || { cat "$LOGS/historypersist.log" >&2; die "HistoryPersist failed"; }
hp() { grep "^RESULT $1=" "$LOGS/historypersist.log" | cut -d= -f2; }
R "   file $(hp snapshot_bytes) B, $(hp snapshot_bytes_per_series) B per series (rings in memory: $(hp ring_bytes_per_series) B per series)"
R "   full write: median $(hp write_ms_median) ms (min $(hp write_ms_min), max $(hp write_ms_max)), $(hp write_allocated_bytes) B allocated per write; read back $(hp read_ms) ms"
R ""

# --- 3. WebSocket latency -----------------------------------------------------------------------------------------

# shellcheck source=bench/profiler.sh
source bench/profiler.sh
PROFILER_LIB=$(fetch_profiler "$OUT/tools") || { PROFILER_LIB=""; say "no profiler: figure 3 goes without the server's profile"; }
say "3/$STEPS WebSocket latency at $WS_LEVELS subscribers (about 3-5 min), then $WS_HOLD held"
R "3. Event-to-WebSocket latency (receive instant - update's ts), loopback; vigil.host.interval=1s, vigil.experiments.interval=100ms, demo on; every client offers permessage-deflate, as browsers do"
R "   per level: connect all, wait for every snapshot, 3 s warm-up, 20 s recording (the server is profiled meanwhile: a CPU sample every 5 ms)"
start_app latency -Dvigil.demo=true -Dvigil.host.interval=1s -Dvigil.experiments.interval=100ms
ms=$(wait_ready)
before=$(http_body /api/v1/status)
cpu0=$(cpu_ticks "$APP_PID")
t0=$(now_us)
java -Dws.compress=true -Dws.serverPid="$APP_PID" ${PROFILER_LIB:+-Dws.profiler="$PROFILER_LIB" -Dws.profileDir="$LOGS"} \
    -cp "$LIB_CP" bench/WsLatency.java latency "$WS_URL" "$WS_LEVELS" 3 20 >"$LOGS/latency-client.log" 2>&1 \
    || { cat "$LOGS/latency-client.log" >&2; die "WsLatency failed"; }
cpu1=$(cpu_ticks "$APP_PID")
t1=$(now_us)
after=$(http_body /api/v1/status)
stop_app
printf '   %-6s %-6s %-9s %-9s %-9s %-9s  %s\n' level conns messages p50_ms p99_ms max_ms "per source (delivered = messages / (readings x conns))" | tee -a "$REPORT"
while read -r line; do
    declare -A f=()
    for kv in $line; do
        if [[ $kv == *=* ]]; then f[${kv%%=*}]=${kv#*=}; else f[$kv]=1; fi
    done
    if [[ -n ${f[profile]+x} ]]; then
        printf '   %-6s %-6s server CPU profile while recording (%s samples of 5 ms): event loops %s%%, JIT compilers %s%%, GC and VM %s%%, workers %s%%, other %s%%;\n' "" "" \
            "${f[samples]}" "${f[eventloops_pct]:-0}" "${f[jit_pct]:-0}" "${f[gc_vm_pct]:-0}" "${f[workers_pct]:-0}" "${f[other_pct]:-0}" | tee -a "$REPORT"
        printf '   %-6s %-6s   of the event loops: %s%% in the fan-out, %s%% in socket write system calls, %s%% in socket reads (ws-%s.collapsed)\n' "" "" \
            "${f[eventloops_in_fanout_pct]}" "${f[eventloops_in_socket_writes_pct]}" "${f[eventloops_in_socket_reads_pct]}" "${f[level]}" | tee -a "$REPORT"
    elif [[ -n ${f[cpu]+x} ]]; then
        printf '   %-6s %-6s CPU (%% of one core) recording: server %s%%, client %s%%, others %s%%; connecting: server %s%%, client %s%%, others %s%% (%s cores = %s%%)\n' "" "" \
            "${f[server_pct]}" "${f[client_pct]}" "$((f[machine_busy_pct] - f[server_pct] - f[client_pct]))" \
            "${f[connect_server_pct]}" "${f[connect_client_pct]}" \
            "$((f[connect_machine_busy_pct] - f[connect_server_pct] - f[connect_client_pct]))" "${f[cores]}" "$((f[cores] * 100))" | tee -a "$REPORT"
    elif [[ -z ${f[source]:-} ]]; then
        printf '   %-6s %-6s %-9s %-9s %-9s %-9s' "${f[level]}" "${f[connections]}" "${f[updates]}" "${f[p50_ms]}" "${f[p99_ms]}" "${f[max_ms]}" | tee -a "$REPORT"
        printf '  (connect %s s)\n' "${f[open_s]}" | tee -a "$REPORT"
    else
        printf '   %-6s %-6s %-9s %-9s %-9s %-9s  %s: %s readings, %s%% delivered, %s msg/s per conn\n' "" "" "${f[updates]}" "${f[p50_ms]}" "${f[p99_ms]}" "${f[max_ms]}" \
            "${f[source]}" "${f[readings]}" "${f[delivered_pct]}" "${f[per_conn_per_s]}" | tee -a "$REPORT"
    fi
    unset f
done < <(grep '^RESULT level=' "$LOGS/latency-client.log" | sed 's/^RESULT //')
grep '^WARN' "$LOGS/latency-client.log" | sed 's/^/   client: /' | tee -a "$REPORT" || true
R "   $(grep '^RESULT types=' "$LOGS/latency-client.log" | sed 's/^RESULT /client totals: /')"
R "   app CPU over the whole latency run (connects and closes included): $(pct $((cpu1 - cpu0)) $((t1 - t0)))% of one core; dropped_for_slow_subscribers $(json_num dropped_for_slow_subscribers "$before") -> $(json_num dropped_for_slow_subscribers "$after")"
R "   message format as received (first of each type/source, shortened):"
grep '^SAMPLE' "$LOGS/latency-client.log" | sed 's/^SAMPLE /     /' | tee -a "$REPORT" || true
R ""

R "3b. $WS_HOLD subscribers held, each narrowed to the quiet redis topic (idle dashboards): server memory per connection (demo on, -Xmx$WS_HOLD_HEAP)"
# The shipped -Xmx256m takes about 8,500 idle dashboards before new ones get 503 (vigil.ws.refuse-above-heap-percent).
JAVA_OPTS="${JAVA_OPTS:-} -Xmx$WS_HOLD_HEAP" start_app held -Dvigil.demo=true -Dvigil.host.interval=1s
wait_ready >/dev/null
nap 20
"${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$APP_PID" GC.run >/dev/null 2>&1 || true
nap 2
rss0=$(rss_kb "$APP_PID")
heap0=$(heap_used_kb "$APP_PID")
rm -f "$TMP/stop-hold"
java -Xmx1g -Dws.compress=true -Dws.topics=redis -cp "$LIB_CP" bench/WsLatency.java hold "$WS_URL" "$WS_HOLD" "$TMP/stop-hold" 600 >"$LOGS/held-client.log" 2>&1 &
CLIENT_PID=$!
PIDS+=("$CLIENT_PID")
held_t0=$(now_us)
for _ in $(seq 1 3000); do
    grep -q '^HOLDING' "$LOGS/held-client.log" && break
    kill -0 "$CLIENT_PID" 2>/dev/null || break
    nap 0.1
done
if grep -q '^HOLDING' "$LOGS/held-client.log"; then
    held_s=$(awk -v us=$(($(now_us) - held_t0)) 'BEGIN {printf "%.1f", us / 1e6}')
    nap 30
    "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$APP_PID" GC.run >/dev/null 2>&1 || true
    nap 2
    rss1=$(rss_kb "$APP_PID")
    heap1=$(heap_used_kb "$APP_PID")
    st=$(http_body /api/v1/status)
    code=$(http_code /q/health/ready)
    R "   $(grep -o '^HOLDING [0-9]*' "$LOGS/held-client.log" | cut -d' ' -f2) connections had their snapshot $held_s s after the client started; 30 s later: ready $code, subscribers $(json_num subscribers "$st")"
    R "   server RSS $(mib "$rss0") -> $(mib "$rss1") MiB, heap used after a full GC $(mib "$heap0") -> $(mib "$heap1") MiB"
    R "   per subscriber: $(awk -v a="$rss0" -v b="$rss1" -v n="$WS_HOLD" 'BEGIN {printf "%.1f", (b - a) / n}') KB of RSS, $(awk -v a="$heap0" -v b="$heap1" -v n="$WS_HOLD" 'BEGIN {printf "%.1f", (b - a) / n}') KB of heap (goal < 30 KB)"
else
    R "   the client did not get all $WS_HOLD snapshots: $(tail -3 "$LOGS/held-client.log" | tr '\n' ' ')"
fi
touch "$TMP/stop-hold"
wait "$CLIENT_PID" 2>/dev/null || true
stop_app
R ""

# --- 4. CPU cost of host collection -------------------------------------------------------------------------------

say "4/$STEPS CPU: 2 x 60 s"
R "4. CPU cost of 1 s host collection (utime+stime from /proc/PID/stat over 60 s, after 5 s settling; demo off, experiments off)"
cpu_run() {
    local name=$1
    shift
    # A GC log for the allocation rate: what the app allocates between young collections.
    JAVA_OPTS="${JAVA_OPTS:-} -Xlog:gc:file=$LOGS/gc-$name.log:uptime" start_app "$name" "$@"
    local ms
    ms=$(wait_ready)
    nap 5
    local c0 t0 c1 t1 b0 b1
    c0=$(cpu_ticks "$APP_PID")
    b0=$(busy_ticks)
    t0=$(now_us)
    nap 60
    c1=$(cpu_ticks "$APP_PID")
    b1=$(busy_ticks)
    t1=$(now_us)
    local code alive=yes st sources
    kill -0 "$APP_PID" 2>/dev/null || alive=no
    code=$(http_code /q/health/ready)
    st=$(http_body /api/v1/status)
    sources=$(grep -oE '"source":"[a-z]+","status":"[A-Z_]+"' <<<"$st" | sed -E 's/"source":"([a-z]+)","status":"([A-Z_]+)"/\1=\2/' | tr '\n' ' ')
    stop_app
    CPU_MS_PER_S=$(awk -v t=$((c1 - c0)) -v hz="$CLK_TCK" -v s=$((t1 - t0)) 'BEGIN {printf "%.1f", 1000 * t / hz / (s / 1e6)}')
    R "   $name: $(awk -v v="$CPU_MS_PER_S" 'BEGIN {printf "%.1f ms CPU per s (%.2f%% of one core)", v, v / 10}') over $(awk -v s=$((t1 - t0)) 'BEGIN {printf "%.1f", s / 1e6}') s; ready after $ms ms; still running: $alive, ready: $code; sources: $sources"
    local machine_pct app_pct
    machine_pct=$(pct $((b1 - b0)) $((t1 - t0)))
    app_pct=$(pct $((c1 - c0)) $((t1 - t0)))
    R "      meanwhile other processes used $((machine_pct - app_pct))% of one core (whole machine ${machine_pct}%)"
    ALLOC_MB_PER_S=$(alloc_mb_per_s "$LOGS/gc-$name.log" $(((t0 - APP_T0_US) / 1000)) $(((t1 - APP_T0_US) / 1000)))
    R "      allocation: $ALLOC_MB_PER_S MB/s over the same 60 s (from the GC log: heap before each young collection minus after the last)"
}
cpu_run cpu-host-1s -Dvigil.host.interval=1s -Dvigil.experiments.enabled=false
with_host=$CPU_MS_PER_S
with_alloc=$ALLOC_MB_PER_S
cpu_run cpu-no-sources -Dvigil.host.enabled=false -Dvigil.experiments.enabled=false
without=$CPU_MS_PER_S
R "   host collection at 1 s: $(awk -v a="$with_host" -v b="$without" 'BEGIN {printf "%.1f ms CPU per s = %.2f%% of one core", a - b, (a - b) / 10}'), allocating $(awk -v a="$with_alloc" -v b="$ALLOC_MB_PER_S" 'BEGIN {if (a == "?" || b == "?") print "?"; else printf "%.2f", a - b}') MB/s"
R ""

# --- 5. pipelines ingest ------------------------------------------------------------------------------------------

if [[ $PIPELINES == true ]]; then
    say "5/$STEPS pipelines ingest next to RabbitMQ PerfTest (bench/pipelines.sh, about 10-12 min)"
    R "5. Pipelines ingest from RabbitMQ next to PerfTest's consumer, same broker, messages and prefetch (bench/pipelines.sh;"
    R "   its full report and logs are in $OUT/pipelines-*.txt). Goal: >= 1.0x PerfTest's rate at <= 1.5x its CPU per message."
    if bash bench/pipelines.sh >"$LOGS/pipelines.log" 2>&1; then
        sed -n '/^Summary/,/^$/p' "$(ls -t "$OUT"/pipelines-*.txt | head -1)" | sed 's/^/   /' | tee -a "$REPORT"
    else
        R "   bench/pipelines.sh failed (RabbitMQ on localhost:5672 is needed): $(tail -1 "$LOGS/pipelines.log")"
    fi
    R ""
fi

# --- app logs -----------------------------------------------------------------------------------------------------

R "App log lines at WARN or above, all runs (logs: $LOGS; stack traces and continuation lines are in the logs):"
if grep -qE ' (WARN|ERROR|FATAL) ' "$LOGS"/app-*.log; then
    for lf in "$LOGS"/app-*.log; do
        grep -E ' (WARN|ERROR|FATAL) ' "$lf" | sed "s|^|   $(basename "$lf" .log): |" | tee -a "$REPORT" || true
    done
else
    R "   none"
fi
say "report: $REPORT"
