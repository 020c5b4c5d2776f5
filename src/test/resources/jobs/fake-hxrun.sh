#!/usr/bin/env bash
# Stands in for HxRun.exe in the tests: the "method path" says how the run goes.
#   ok        prints a line and exits 0       fail     exits 1
#   abort     exits 64 (aborted)              sleep:N  runs N seconds, then exits 0
echo "HxRun $1 starting"
case "$1" in
  ok) echo "method done"; exit 0 ;;
  fail) echo "method failed" >&2; exit 1 ;;
  abort) echo "operator aborted"; exit 64 ;;
  sleep:*) sleep "${1#sleep:}"; echo "method done"; exit 0 ;;
  *) echo "unknown method $1" >&2; exit 2 ;;
esac
