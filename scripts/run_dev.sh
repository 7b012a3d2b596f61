#!/usr/bin/env bash
# `make run`'s server: a Celery worker and beat in the background (emails, call reminders
# and calendar sync really happen, through the broker the settings choose: Redis, or
# the local folder broker of the embedded default) and uvicorn (ASGI, so live
# notifications stream) in the foreground. Ctrl+C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-.venv/bin/python}"
PORT="${PORT:-8000}"
VAR_DIR="${PROCUSMEET_VAR_DIR:-var}"
mkdir -p "$VAR_DIR"

pids=()
stop() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop EXIT INT TERM

# A thread pool, not prefork: stopping the whole process group (an IDE, a supervisor,
# `kill -- -PGID`) would also hit prefork's children, and one dying while it holds the
# pool's queue lock leaves the worker waiting for it forever.
"$PYTHON" -m celery -A procusmeet worker -Q default,payments,notifications --loglevel=warning \
  --pool=threads --concurrency=2 &
pids+=($!)
"$PYTHON" -m celery -A procusmeet beat --loglevel=warning --schedule "$VAR_DIR/celerybeat-schedule" &
pids+=($!)
# An open notification stream lasts up to NOTIFICATIONS_SSE_MAX_SECONDS; without a bound
# on the graceful shutdown, Ctrl+C would wait for every browser tab to let go.
"$PYTHON" -m uvicorn procusmeet.asgi:application --host 127.0.0.1 --port "$PORT" --lifespan off \
  --timeout-graceful-shutdown 5
