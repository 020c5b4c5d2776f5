#!/usr/bin/env bash
# Brings up what the tests talk to: Redis on 6379, RabbitMQ on 5672 with its management API on 15672 and an S3 server
# on 9090 (S3Mock, whose jar the build puts in target/tools; it takes any credentials), and installs the headless browser the dashboard's tests drive (/usr/bin/chromium) and Prometheus' promtool, which checks
# /q/metrics.
# Servers already running on those ports are used as they are; missing ones are installed from Debian's packages
# (as root, or through sudo) and started. The SMTP server (GreenMail) runs inside the tests.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
# Another apt-get or an unattended upgrade may hold dpkg's lock (or the package lists' lock, which apt-get update
# takes and cannot wait for): wait up to 10 minutes for dpkg's lock, and retry a command that still fails on a lock.
apt_get() {
  local out
  for attempt in $(seq 1 20); do
    if out=$(as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" 2>&1); then return 0; fi
    if ! grep -qi "could not get lock\|unable to acquire\|unable to lock" <<<"$out"; then echo "$out" >&2; return 1; fi
    echo "services: the package manager is busy (attempt $attempt), waiting for its lock" >&2
    sleep 15
  done
  echo "$out" >&2; return 1
}
wait_port() { # port, seconds, name
  for _ in $(seq 1 "$(($2 * 4))"); do port_open "$1" && return 0; sleep 0.25; done
  echo "services: $3 did not open port $1 within $2 s" >&2; return 1
}

# Each test run starts with an empty Vigil database (its file lives under target/).
rm -rf "$(dirname "$0")/../../../target/test-data"

missing=()
if ! port_open 6379 && ! command -v redis-server >/dev/null; then missing+=(redis-server); fi
if ! port_open 5672 && ! command -v rabbitmq-server >/dev/null; then missing+=(rabbitmq-server); fi
# The dashboard's browser tests drive Debian's Chromium over the DevTools protocol. It is a large install: only
# when it is missing.
if [ ! -x /usr/bin/chromium ]; then missing+=(chromium); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "services: installing ${missing[*]}"
  apt_get update -qq
  apt_get install -y -qq "${missing[@]}" >/dev/null
fi

# promtool checks /q/metrics with Prometheus' own parser. Only its binary is needed: unpack Debian's prometheus
# package into target/tools instead of installing it, which would also set up and start a Prometheus server.
tools="$(cd "$(dirname "$0")/../../.." && pwd)/target/tools"
if ! command -v promtool >/dev/null && [ ! -x "$tools/prometheus/usr/bin/promtool" ]; then
  echo "services: unpacking promtool into $tools"
  mkdir -p "$tools"
  # A fresh machine may have no package lists yet: update once, then try again.
  (cd "$tools" && { apt_get download prometheus 2>/dev/null || { apt_get update -qq && apt_get download prometheus; }; })
  dpkg -x "$tools"/prometheus_*.deb "$tools/prometheus"
  rm -f "$tools"/prometheus_*.deb
fi

if ! port_open 6379; then
  echo "services: starting Redis on 6379"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
  wait_port 6379 20 Redis
fi

if ! port_open 5672; then
  echo "services: starting RabbitMQ on 5672"
  as_root rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_port 5672 90 RabbitMQ
fi
if ! port_open 15672; then
  echo "services: enabling the RabbitMQ management API on 15672"
  for _ in $(seq 1 30); do as_root rabbitmqctl await_startup >/dev/null 2>&1 && break; sleep 1; done
  as_root rabbitmq-plugins enable rabbitmq_management >/dev/null
  wait_port 15672 60 "RabbitMQ management"
fi
# The storage source's S3 server. It runs on after the build, like the others, and is used as it is by the next one.
if ! port_open 9090; then
  s3mock="$(cd "$(dirname "$0")/../../.." && pwd)/target/tools/s3mock.jar"
  [ -f "$s3mock" ] || { echo "services: $s3mock is missing: run ./mvnw process-test-classes, which fetches it" >&2; exit 1; }
  java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  echo "services: starting the S3 server (S3Mock) on 9090"
  # A copy of its own, so a later build may replace target/tools/s3mock.jar while this one runs.
  mkdir -p "$(dirname "$s3mock")/s3mock-run"
  cp "$s3mock" "$(dirname "$s3mock")/s3mock-run/s3mock.jar"
  # Detached, and holding none of this script's output: the build waits for that output to end.
  run="$(dirname "$s3mock")/s3mock-run"
  (cd "$run" && exec setsid "$java" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar s3mock.jar \
    --http.port=9090 --server.port=0) >"$run/s3mock.log" 2>&1 </dev/null &
  wait_port 9090 90 "the S3 server"
fi
echo "services: Redis on 6379, RabbitMQ on 5672 (management on 15672), S3 on 9090 are up; Chromium at /usr/bin/chromium;" \
  "promtool ready"
