"""SSE fan-out benchmark: how long a notification takes to reach open streams.

Two uvicorn web processes share Redis (pub/sub fan-out, as in production); every user
has one stream open on each. This process creates notifications (as a worker or
another web process would) and each stream notes when the event arrives. Latency is
"committed here" to "read by the client", over every delivery, in one run; SPEC §6
wants it within 2 seconds.

Run from the repository root: ``python bench/bench_sse_fanout.py``. Uses the bench
database (``BENCH_DATABASE_URL``) and Redis (``BENCH_REDIS_URL``, default db 13). The
last line is ``RESULT {json}`` for ``bench/run_all.py``.
"""

import json
import os
import queue
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/procusmeet_bench")
os.environ["REDIS_URL"] = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
os.environ["NOTIFICATIONS_REDIS_PREFIX"] = f"bench-{uuid.uuid4().hex[:8]}"
os.environ["NOTIFICATIONS_MAX_STREAMS_PER_USER"] = "10"
os.environ["RATELIMIT_ENABLE"] = "false"
os.environ["DJANGO_DEBUG"] = "false"
os.environ["CELERY_TASK_ALWAYS_EAGER"] = "true"  # the email job runs here, not queued
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procusmeet.settings")

import django
import requests

USERS = 25  # × 2 processes = 50 open streams
ROUNDS = 8
DOMAIN = "bench-sse.procusmeet.local"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def web_process() -> tuple[subprocess.Popen, str]:
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "procusmeet.asgi:application", "--host", "127.0.0.1",
               "--port", str(port), "--lifespan", "off", "--log-level", "warning",
               "--timeout-graceful-shutdown", "2"]  # open streams would hold a graceful stop  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                return process, url
        except requests.RequestException:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("uvicorn did not become ready")


class Stream(threading.Thread):
    """Reads one SSE stream and puts ``(notification id, arrival time)`` on ``arrivals``."""

    def __init__(self, url: str, token: str, arrivals: queue.Queue):
        super().__init__(daemon=True)
        self.response = requests.get(url, headers={"Authorization": f"Bearer {token}"}, stream=True, timeout=(5, 120))
        self.arrivals, self.ready = arrivals, threading.Event()

    def run(self) -> None:
        event = ""
        try:
            for line in self.response.iter_lines(decode_unicode=True):
                if line.startswith("event:"):
                    event = line.partition(":")[2].strip()
                    self.ready.set()  # the first "unread" event: subscribed
                elif line.startswith("data:") and event == "notification":
                    self.arrivals.put((json.loads(line.partition(":")[2])["id"], time.perf_counter()))
        except (requests.RequestException, ValueError, AttributeError):
            pass  # closed at the end


def users_ensure():
    from accounts.models import Role, User
    from accounts.services import user_create

    users = list(User.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk")[:USERS])
    for n in range(len(users), USERS):
        users.append(user_create(email=f"reader{n}@{DOMAIN}", full_name=f"Reader {n}", role=Role.CLIENT))
    return users


def main() -> int:
    django.setup()
    from django.core.management import call_command

    from accounts.tokens import session_start
    from notifications.models import Notification, NotificationKind
    from notifications.services import notification_create

    call_command("create_database")  # the bench database, on first use
    call_command("migrate", verbosity=0)
    users = users_ensure()
    Notification.objects.filter(user__in=users).delete()
    processes = [web_process(), web_process()]
    arrivals: queue.Queue = queue.Queue()
    streams = []
    try:
        for user in users:
            token = session_start(user=user, user_agent="bench", ip="127.0.0.1").access
            streams += [Stream(f"{url}/api/v1/notifications/stream", token, arrivals) for _process, url in processes]
        for stream in streams:
            stream.start()
        assert all(stream.ready.wait(30) for stream in streams), "a stream never opened"
        sent: dict[int, float] = {}
        latencies = []
        for _ in range(ROUNDS):
            for user in users:
                notification = notification_create(
                    user=user, kind=NotificationKind.PAYMENT_HELD, title="Bench", email=False
                )
                sent[notification.pk] = time.perf_counter()
            for _delivery in range(len(users) * len(processes)):
                notification_id, arrived = arrivals.get(timeout=30)
                latencies.append((arrived - sent[notification_id]) * 1000)
    finally:
        # Servers first: their end closing the streams unblocks the reader threads.
        for process, _url in processes:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        for stream in streams:
            stream.join(timeout=5)
        Notification.objects.filter(user__in=users).delete()
    latencies.sort()
    result = {
        "streams": len(streams),
        "deliveries": len(latencies),
        "median_ms": statistics.median(latencies),
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1],
        "max_ms": latencies[-1],
    }
    print(
        f"SSE fan-out, {result['streams']} streams on 2 processes, {result['deliveries']} deliveries: "
        f"median {result['median_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms, max {result['max_ms']:.1f} ms "
        f"(target < 2000 ms: {'ok' if result['max_ms'] < 2000 else 'OVER'})"
    )
    print("RESULT " + json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
