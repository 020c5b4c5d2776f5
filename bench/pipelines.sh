#!/usr/bin/env bash
# Pipelines ingest benchmark: how fast Vigil accounts for pipeline results published to RabbitMQ, next to RabbitMQ
# PerfTest's own consumer on the same broker, message size, prefetch and ack mode.
# Run from the repository root: bash bench/pipelines.sh   (see bench/README.md)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

PORT=${BENCH_PORT:-18081}
N=${BENCH_MESSAGES:-1000000}
# Vigil's default prefetch (vigil.pipelines.prefetch in application.properties) first; PerfTest runs with the first.
PREFETCHES=(${BENCH_PREFETCHES:-50 500})
# Messages for the drain runs (queue filled first, then emptied by the consumer); 0 skips them.
DRAIN_N=${BENCH_DRAIN_MESSAGES:-200000}
# Longest a single run may take before it is cut and its rate reported over what was done.
RUN_TIMEOUT_S=${BENCH_RUN_TIMEOUT_S:-900}
AMQP_URI=${BENCH_AMQP_URI:-amqp://guest:guest@localhost:5672/%2F}
MGMT_URL=${BENCH_MGMT_URL:-http://localhost:15672}
MGMT_USER=${BENCH_MGMT_USER:-guest}
MGMT_PASS=${BENCH_MGMT_PASS:-guest}
PERFTEST_VERSION=2.22.1
# Same cap for Vigil's queue and PerfTest's: above N, so a consumer that lags loses nothing.
MAX_LENGTH=$(((N > DRAIN_N ? N : DRAIN_N) * 11 / 10 + 1000))

JAR=target/quarkus-app/quarkus-run.jar
# The API needs a token: Vigil gets this one as its initial admin token.
TOKEN=${BENCH_TOKEN:-bench-admin-token-0123456789abcdef}
LIB_CP="target/quarkus-app/lib/main/*"
PT_DIR=bench/out/perf-test-$PERFTEST_VERSION

STAMP=$(date -u +%Y%m%d-%H%M%S)
OUT=bench/out
LOGS=$OUT/logs-pipelines-$STAMP
REPORT=$OUT/pipelines-$STAMP.txt
mkdir -p "$LOGS"
: >"$REPORT"

# Names of everything created on the broker carry this id, so other users of the broker are never touched.
ID=$(date -u +%H%M%S)-$$
EXCHANGE=bench.pipelines.$ID
PT_QUEUE=bench.pipelines.$ID.perftest
VIGIL_QUEUE=vigil.results.bench.$ID
UNUSED_EXCHANGE=bench.pipelines.$ID.absent   # Vigil's gateway and actions streams wait on it; it is never declared

TMP=$(mktemp -d)
PIDS=()
LOAD_CP="$TMP/classes:$LIB_CP"

cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        if kill -0 "$pid" 2>/dev/null; then
            kill -CONT "$pid" 2>/dev/null || true   # a Vigil held for a drain run
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
    if [[ -d $TMP/classes ]]; then
        java -cp "$LOAD_CP" PipelinesLoad delete "$AMQP_URI" "$EXCHANGE" "$PT_QUEUE" "$VIGIL_QUEUE" "$VIGIL_QUEUE.dropped" >/dev/null 2>&1 || true
    fi
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

R() { printf '%s\n' "$*" | tee -a "$REPORT"; }
say() { printf '# %s\n' "$*" >&2; }
die() { say "FAILED: $*"; exit 1; }

http_code() {
    local path=$1 line=""
    { printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$path" >&3 && IFS= read -r -t 5 line <&3; } \
        2>/dev/null 3<>"/dev/tcp/127.0.0.1/$PORT" || true
    line=${line%$'\r'}
    if [[ $line =~ ^HTTP/1\.[01]\ ([0-9]{3}) ]]; then echo "${BASH_REMATCH[1]}"; else echo 000; fi
}

busy_ticks() { awk 'NR == 1 {print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }
# Reads key=value from a helper's "RESULT key=value" lines.
res() { { grep "^RESULT $1=" "$2" || echo "RESULT $1=?"; } | tail -1 | cut -d= -f2-; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }
# CPU µs per message: CPU_PCT (of one core) RATE
us_per_msg() { awk -v c="$1" -v r="$2" 'BEGIN {if (r > 0 && c != "n/a") printf "%.0f", c / 100 * 1e6 / r; else print "n/a"}'; }
thousands() { LC_ALL=C awk -v v="$1" 'BEGIN {s = sprintf("%.0f", v); o = ""; while (length(s) > 3) {o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3)} print s o}'; }

# --- preparation -------------------------------------------------------------------------------------------------

if [[ ! -f $JAR ]]; then
    say "building $JAR"
    ./mvnw -q package -DskipTests
fi
[[ -f $JAR ]] || die "no $JAR after the build"
# The launcher makes the JVM's start-up cache once per build; made here, so that no measured run makes it.
./vigil serve --prepare >&2 || die "./vigil serve --prepare failed"
[[ $(http_code /q/health/live) == 000 ]] || die "something already listens on port $PORT; set BENCH_PORT"

if [[ ! -f $PT_DIR/lib/perf-test-$PERFTEST_VERSION.jar ]]; then
    say "fetching com.rabbitmq:perf-test:$PERFTEST_VERSION and its dependencies from Maven Central into $PT_DIR"
    mkdir -p "$TMP/pt"
    cat >"$TMP/pt/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>perf-test-fetch</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>com.rabbitmq</groupId><artifactId>perf-test</artifactId><version>$PERFTEST_VERSION</version></dependency>
  </dependencies>
</project>
EOF
    ./mvnw -q -f "$TMP/pt/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
        -DoutputDirectory="$PWD/$PT_DIR/lib.part" || die "cannot fetch PerfTest"
    mv "$PT_DIR/lib.part" "$PT_DIR/lib"
fi

mkdir -p "$TMP/classes"
javac -d "$TMP/classes" -cp "$LIB_CP" bench/PipelinesLoad.java 2>"$LOGS/javac.log" || { cat "$LOGS/javac.log" >&2; die "javac"; }
java -cp "$LOAD_CP" PipelinesLoad body >"$LOGS/body.txt" 2>/dev/null || die "cannot build a message body"
BODY_BYTES=$(res body_bytes "$LOGS/body.txt")

BROKER_PID=$(pgrep -u rabbitmq -x beam.smp | head -1 || true)
BROKER_VERSION="?"
if command -v curl >/dev/null; then
    BROKER_VERSION=$(curl -s -m 5 -u "$MGMT_USER:$MGMT_PASS" "$MGMT_URL/api/overview" | grep -o '"rabbitmq_version":"[^"]*"' | cut -d'"' -f4 || true)
fi
java -cp "$LOAD_CP" PipelinesLoad declare "$AMQP_URI" "$EXCHANGE" >/dev/null 2>"$LOGS/declare.log" \
    || { cat "$LOGS/declare.log" >&2; die "cannot reach RabbitMQ at $AMQP_URI"; }

CLK_TCK=$(getconf CLK_TCK)
R "Vigil pipelines ingest benchmark, $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
R "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src pom.xml 2>/dev/null || echo ' (src or pom.xml modified)')"
R "machine: $(nproc) cores ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
qb0=$(busy_ticks)
q0=$(now_us)
sleep 3
qb1=$(busy_ticks)
quiet=$(awk -v t=$((qb1 - qb0)) -v hz="$CLK_TCK" -v us=$(($(now_us) - q0)) 'BEGIN {printf "%.0f", 100 * t / hz / (us / 1e6)}')
R "before start: machine busy ${quiet}% of one core over 3 s (of $(nproc) cores = $(($(nproc) * 100))%), load average $(cut -d' ' -f1-3 /proc/loadavg)"
if ((quiet > 20)); then
    R "WARNING: other work is using the CPU; every figure below is skewed by it (see the CPU lines)"
fi
R "java: $(java -version 2>&1 | head -1); default JVM flags for Vigil and PerfTest"
R "broker: RabbitMQ ${BROKER_VERSION:-?} at ${AMQP_URI#*@}$([[ -n $BROKER_PID ]] && echo ", on this machine (pid $BROKER_PID)")"
R "message: $BODY_BYTES bytes of JSON, every message the same size, a distinct request_id each:"
R "   $(head -1 "$LOGS/body.txt")"
R "messages per run: $(thousands "$N"); publisher: one connection, publisher confirms, at most 2000 unconfirmed"
R "consumers: one consumer on one channel, prefetch (basic.qos) as given, manual ack of every message"
R "   (multiple=false); queue non-durable, bound to topic exchange '$EXCHANGE' with '#', x-max-length $(thousands "$MAX_LENGTH")"
R "live:  rate = $(thousands "$N") / (time from the first publish to the $(thousands "$N")-th message consumed); publishing"
R "       and consuming run at the same time"
R "drain: the queue is filled with $(thousands "$DRAIN_N") (confirmed) while the consumer is held, then rate = $(thousands "$DRAIN_N") / (time from"
R "       its release to the last message consumed). Vigil is held with SIGSTOP (it keeps its connection and queue) and"
R "       released with SIGCONT; PerfTest is started once the queue is full, timed from its 'starting consumer' line"
R "Vigil: counts from GET /api/v1/metrics/pipelines polled every 200 ms, vigil.pipelines.interval=200ms, heartbeat 60s"
R "publisher, consumer and broker share the machine's cores with any other work"
R ""

# --- runs ---------------------------------------------------------------------------------------------------------

declare -A RATE CPU

# report_vigil LABEL OUT: the report lines of one Vigil measurement (helper output OUT); sets RATE/CPU[LABEL].
report_vigil() {
    local label=$1 out=$2 what=$3 count=$4
    local rate cpu
    rate=$(res rate "$out")
    cpu=$(res consumer_cpu_pct "$out")
    RATE[$label]=$rate
    CPU[$label]=$cpu
    R "$what:"
    if [[ $(res reached "$out") == yes ]]; then
        R "   count grew by $(thousands "$count") in $(res seconds "$out") s: $(thousands "$rate") msg/s"
    else
        R "   NOT reached within $RUN_TIMEOUT_S s: $(thousands "$(res accounted "$out")") accounted in $(res seconds "$out") s: $(thousands "$rate") msg/s (rate over what was done)"
    fi
    R "   published $(thousands "$(res published "$out")") (nacked $(res nacked "$out")) in $(res publish_s "$out") s = $(thousands "$(res publish_rate "$out")") msg/s"
    R "   rejected during the run: $(res rejected "$out") ($(res rejected_reasons "$out")); errors counted: $(res vigil_errors "$out"); latency p50 from the messages' timestamps $(res vigil_latency_p50_s "$out") s (120 ms expected)"
    R "   CPU (% of one core): Vigil $cpu ($(us_per_msg "$cpu" "$rate") µs per message), broker $(res broker_cpu_pct "$out"), publisher+poller $(res loader_cpu_pct "$out"), whole machine $(res machine_busy_pct "$out") of $(($(nproc) * 100))"
    R "   accounted so far, by seconds since the start: $(grep '^progress' "$out" | cut -d' ' -f2-)"
}

# vigil_run PREFETCH [drain]: Vigil with one results stream 'bench' bound to the exchange, every other stream idle;
# a live run of N messages, then (with 'drain') a drain of DRAIN_N on the same, warm, process.
vigil_run() {
    local prefetch=$1 drain=${2:-}
    local log=$LOGS/app-vigil-prefetch-$prefetch.log
    say "Vigil, prefetch $prefetch: live, $(thousands "$N") messages"
    # Started as users start it (./vigil serve: its JVM flags and start-up cache); the launcher execs the JVM.
    JAVA_OPTS="${BENCH_VIGIL_JAVA_OPTS:-}" VIGIL_DATA_DIR="$TMP/data" ./vigil serve --port "$PORT" \
        -Dvigil.auth.initial-admin-token="$TOKEN" -Dvigil.experiments.enabled=false \
        -Dvigil.pipelines.results.face.enabled=false -Dvigil.pipelines.results.phone.enabled=false \
        -Dvigil.pipelines.results.bench.exchange="$EXCHANGE" -Dvigil.pipelines.results.bench.routing-keys='#' \
        -Dvigil.pipelines.results.bench.vigil-queue="$VIGIL_QUEUE" \
        -Dvigil.pipelines.gateway-events.exchange="$UNUSED_EXCHANGE" \
        -Dvigil.pipelines.saved-actions.exchange="$UNUSED_EXCHANGE" \
        -Dvigil.pipelines.prefetch="$prefetch" -Dvigil.pipelines.queue-max-length="$MAX_LENGTH" \
        -Dvigil.pipelines.interval=200ms -Dvigil.pipelines.heartbeat=60s >"$log" 2>&1 &
    local app=$!
    PIDS+=("$app")
    local out=$LOGS/load-vigil-live-prefetch-$prefetch.log
    java -Dbench.brokerPid="${BROKER_PID:-0}" -Dbench.clkTck="$CLK_TCK" -Dbench.token="$TOKEN" -cp "$LOAD_CP" PipelinesLoad vigil live \
        "$AMQP_URI" "$EXCHANGE" "$N" "http://localhost:$PORT" bench "$app" "$RUN_TIMEOUT_S" >"$out" 2>&1 \
        || { tail -20 "$out" >&2; tail -20 "$log" >&2; die "Vigil run failed (logs: $out, $log)"; }
    report_vigil "vigil-live-$prefetch" "$out" "Vigil, vigil.pipelines.prefetch=$prefetch, live" "$N"
    if [[ $drain == drain ]] && ((DRAIN_N > 0)); then
        say "Vigil, prefetch $prefetch: drain, $(thousands "$DRAIN_N") messages"
        out=$LOGS/load-vigil-drain-prefetch-$prefetch.log
        java -Dbench.brokerPid="${BROKER_PID:-0}" -Dbench.clkTck="$CLK_TCK" -Dbench.token="$TOKEN" -cp "$LOAD_CP" PipelinesLoad vigil drain \
            "$AMQP_URI" "$EXCHANGE" "$DRAIN_N" "http://localhost:$PORT" bench "$app" "$RUN_TIMEOUT_S" >"$out" 2>&1 \
            || { kill -CONT "$app" 2>/dev/null; tail -20 "$out" >&2; die "Vigil drain failed (log: $out)"; }
        report_vigil "vigil-drain-$prefetch" "$out" "Vigil, vigil.pipelines.prefetch=$prefetch, drain (same process, after the live run)" "$DRAIN_N"
    fi
    kill -TERM "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
}

# perftest_run PREFETCH live|drain COUNT
perftest_run() {
    local prefetch=$1 mode=$2 count=$3 label=perftest-$2-$1 out=$LOGS/perftest-$2-prefetch-$1.log
    say "PerfTest consumer, qos $prefetch: $mode, $(thousands "$count") messages"
    java -Dbench.brokerPid="${BROKER_PID:-0}" -Dbench.clkTck="$CLK_TCK" -cp "$LOAD_CP" PipelinesLoad perftest "$mode" \
        "$AMQP_URI" "$EXCHANGE" "$PT_QUEUE" "$count" "$MAX_LENGTH" "$RUN_TIMEOUT_S" \
        java -cp "$PT_DIR/lib/*" com.rabbitmq.perf.PerfTest --id "bench-$ID" --uri "$AMQP_URI" \
        --producers 0 --consumers 1 --queue "$PT_QUEUE" --predeclared --qos "$prefetch" --cmessages "$count" \
        --interval 5 >"$out" 2>&1 || { tail -20 "$out" >&2; die "PerfTest run failed (log: $out)"; }
    java -cp "$LOAD_CP" PipelinesLoad delete "$AMQP_URI" - "$PT_QUEUE" >/dev/null 2>&1 || true
    local rate cpu
    rate=$(res rate "$out")
    cpu=$(res consumer_cpu_pct "$out")
    RATE[$label]=$rate
    CPU[$label]=$cpu
    R "PerfTest $PERFTEST_VERSION consumer, --qos $prefetch, $mode (--producers 0 --consumers 1 --cmessages $count, manual ack):"
    if [[ $(res reached "$out") == yes ]]; then
        R "   $(thousands "$count") consumed in $(res seconds "$out") s: $(thousands "$rate") msg/s; PerfTest's own summary: receiving rate avg $(thousands "$(res perftest_receive_avg "$out")") msg/s"
    else
        R "   NOT done within $RUN_TIMEOUT_S s ($(res seconds "$out") s); PerfTest's own summary: receiving rate avg $(res perftest_receive_avg "$out") msg/s"
    fi
    R "   published $(thousands "$(res published "$out")") (nacked $(res nacked "$out")) in $(res publish_s "$out") s = $(thousands "$(res publish_rate "$out")") msg/s"
    R "   CPU (% of one core): PerfTest $cpu ($(us_per_msg "$cpu" "$rate") µs per message), broker $(res broker_cpu_pct "$out"), publisher $(res loader_cpu_pct "$out"), whole machine $(res machine_busy_pct "$out") of $(($(nproc) * 100))"
}

# Vigil at the default prefetch (live, then drain), PerfTest (live, then drain), then Vigil at the other prefetches
# (live): PerfTest sits between Vigil runs, so a change in background load shows as a difference between them.
P0=${PREFETCHES[0]}
vigil_run "$P0" drain
perftest_run "$P0" live "$N"
if ((DRAIN_N > 0)); then
    perftest_run "$P0" drain "$DRAIN_N"
fi
for p in "${PREFETCHES[@]:1}"; do
    vigil_run "$p"
done
R ""

# --- summary ------------------------------------------------------------------------------------------------------

row() { printf '   %-44s %12s %10s %8s %12s\n' "$@" | tee -a "$REPORT"; }
R "Summary ($BODY_BYTES-byte messages; load average now $(cut -d' ' -f1-3 /proc/loadavg))"
row consumer "msg/s" "CPU %" "µs/msg" "x PerfTest"
PT=${RATE[perftest-live-$P0]}
row "live, $(thousands "$N"): PerfTest, qos $P0" "$(thousands "$PT")" "${CPU[perftest-live-$P0]}" "$(us_per_msg "${CPU[perftest-live-$P0]}" "$PT")" "1.00"
for p in "${PREFETCHES[@]}"; do
    r=${RATE[vigil-live-$p]}
    row "live, $(thousands "$N"): Vigil, prefetch $p" "$(thousands "$r")" "${CPU[vigil-live-$p]}" "$(us_per_msg "${CPU[vigil-live-$p]}" "$r")" "$(ratio "$r" "$PT")"
done
if ((DRAIN_N > 0)); then
    PTD=${RATE[perftest-drain-$P0]}
    row "drain, $(thousands "$DRAIN_N"): PerfTest, qos $P0" "$(thousands "$PTD")" "${CPU[perftest-drain-$P0]}" "$(us_per_msg "${CPU[perftest-drain-$P0]}" "$PTD")" "1.00"
    r=${RATE[vigil-drain-$P0]}
    row "drain, $(thousands "$DRAIN_N"): Vigil, prefetch $P0" "$(thousands "$r")" "${CPU[vigil-drain-$P0]}" "$(us_per_msg "${CPU[vigil-drain-$P0]}" "$r")" "$(ratio "$r" "$PTD")"
fi
rate_x=$(ratio "${RATE[vigil-live-$P0]}" "$PT")
cpu_x=$(awk -v v="$(us_per_msg "${CPU[vigil-live-$P0]}" "${RATE[vigil-live-$P0]}")" -v p="$(us_per_msg "${CPU[perftest-live-$P0]}" "$PT")" \
    'BEGIN {if (v ~ /^[0-9.]+$/ && p ~ /^[0-9.]+$/ && p > 0) printf "%.2f", v / p; else print "?"}')
R "   goal: Vigil (live, prefetch $P0) >= 1.0 x PerfTest's rate (live, qos $P0) at <= 1.5 x its CPU per message:" \
    "$(awk -v r="$rate_x" -v c="$cpu_x" 'BEGIN {print (r ~ /^[0-9.]+$/ && c ~ /^[0-9.]+$/ && r + 0 >= 1.0 && c + 0 <= 1.5 ? "met" : "NOT met")}') (rate ${rate_x}x, CPU per message ${cpu_x}x)"
R ""

R "App log lines at WARN or above (logs: $LOGS):"
if grep -qE ' (WARN|ERROR|FATAL) ' "$LOGS"/app-*.log; then
    for lf in "$LOGS"/app-*.log; do
        grep -E ' (WARN|ERROR|FATAL) ' "$lf" | sed "s|^|   $(basename "$lf" .log): |" | tee -a "$REPORT" || true
    done
else
    R "   none"
fi

java -cp "$LOAD_CP" PipelinesLoad delete "$AMQP_URI" "$EXCHANGE" "$PT_QUEUE" "$VIGIL_QUEUE" "$VIGIL_QUEUE.dropped" >/dev/null 2>&1 || true
if command -v curl >/dev/null; then
    left=$(curl -s -m 5 -u "$MGMT_USER:$MGMT_PASS" "$MGMT_URL/api/queues" "$MGMT_URL/api/exchanges" | grep -o "\"name\":\"[^\"]*$ID[^\"]*\"" | sort -u | tr '\n' ' ' || true)
    R "left on the broker with this run's id ($ID): ${left:-nothing}"
fi
say "report: $REPORT"
