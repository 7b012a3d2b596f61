#!/usr/bin/env bash
# `make run`'s server: a Celery worker and beat (emails, call reminders, expiries and
# calendar sync really happen, through the broker the settings choose: Redis, or the
# local folder broker of the embedded default) and uvicorn (ASGI, so live notifications
# stream). Ctrl+C stops all three. If any of them exits on its own, the others are
# stopped too and the script fails naming it: a site served without its worker would
# silently send no email and expire no booking.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
PORT="${PORT:-8000}"
VAR_DIR="${PROCUSMEET_VAR_DIR:-var}"
mkdir -p "$VAR_DIR"

pids=()
names=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT
# Ctrl+C or a supervisor's TERM: stop the children and end here, not in the watch below.
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM

start() {
  local name="$1"
  shift
  "$@" &
  pids+=($!)
  names+=("$name")
}

# A thread pool, not prefork: stopping the whole process group (an IDE, a supervisor,
# `kill -- -PGID`) would also hit prefork's children, and one dying while it holds the
# pool's queue lock leaves the worker waiting for it forever.
start "the Celery worker" "$PYTHON" -m celery -A procusmeet worker -Q default,payments,notifications \
  --loglevel=warning --pool=threads --concurrency=2
start "Celery beat" "$PYTHON" -m celery -A procusmeet beat --loglevel=warning --schedule "$VAR_DIR/celerybeat-schedule"
# An open notification stream lasts up to NOTIFICATIONS_SSE_MAX_SECONDS; without a bound
# on the graceful shutdown, Ctrl+C would wait for every browser tab to let go.
start "the web server (uvicorn)" "$PYTHON" -m uvicorn procusmeet.asgi:application --host 127.0.0.1 \
  --port "$PORT" --lifespan off --timeout-graceful-shutdown 5

# Polling rather than `wait -n`, which macOS's bash 3.2 lacks. Bash reaps a background
# child as soon as it exits, so `kill -0` fails for it from then on.
while :; do
  for i in "${!pids[@]}"; do
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then
      status=0
      wait "${pids[$i]}" || status=$?
      echo "ProcusMeet: ${names[$i]} exited (status $status); stopping the others. See its output above." >&2
      exit 1
    fi
  done
  sleep 1
done
