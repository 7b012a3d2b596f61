"""Real processes on this machine for the scale-out and outage tests.

Web processes (uvicorn, ASGI, the production server) and a Celery worker, all on this
pytest worker's test database (``transactional_db`` commits, so they see what a test
creates), one Redis cache (a key prefix of their own) and one broker folder: what two
machines behind a load balancer share. uvicorn trusts ``X-Forwarded-For`` from
127.0.0.1 as behind a proxy, so each test can act from an address of its own (rate
limits count per address).
"""

import re
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import requests

from tests.notifications.servers import ROOT, app_env, free_port, wait_until

REDIS_URL = "redis://127.0.0.1:6379/14"
QUEUES = "default,payments,notifications"
START_SECONDS = 40


class Cluster:
    """The environment every process of one test module shares."""

    def __init__(self, folder: Path, **settings: str):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        prefix = f"test-{uuid.uuid4().hex}"
        self.env = {
            # Cache and rate limits (KEY_PREFIX), broker, SSE fan-out channel: all shared.
            "TEST_SHARED_CACHE_URL": REDIS_URL,
            "TEST_SHARED_CACHE_PREFIX": prefix,
            "TEST_BROKER_FOLDER": str(folder / "broker"),
            "REDIS_URL": REDIS_URL,
            "NOTIFICATIONS_REDIS_PREFIX": prefix,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "RATELIMIT_ENABLE": "true",
            **settings,
        }

    def process_env(self, **overrides: str) -> dict[str, str]:
        return {**app_env(), **self.env, **overrides}

    def log(self, name: str) -> Path:
        return self.folder / f"{name}-{uuid.uuid4().hex[:6]}.log"


def _ready(url: str) -> bool:
    try:
        return requests.get(f"{url}/readyz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-4000:] if path.exists() else ""


@contextmanager
def web_process(cluster: Cluster, **env: str):
    """uvicorn serving the app on a free port; yields its base URL once ``/readyz`` is 200."""
    port, log = free_port(), cluster.log("web")
    command = [
        sys.executable, "-m", "uvicorn", "procusmeet.asgi:application", "--host", "127.0.0.1",
        "--port", str(port), "--lifespan", "off", "--log-level", "warning",
        "--proxy-headers", "--forwarded-allow-ips", "127.0.0.1",
    ]  # fmt: skip
    # Output goes to a file: a pipe nobody reads would block the server once full.
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=cluster.process_env(**env), stdout=output, stderr=output)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: process.poll() is not None or _ready(url), timeout=START_SECONDS, message="web /readyz")
        assert process.poll() is None, _tail(log)
        yield url
    finally:
        _stop(process)


@contextmanager
def worker_process(cluster: Cluster, **env: str):
    """A Celery worker consuming every queue, as ``docker compose`` and ``make run`` run it."""
    log = cluster.log("worker")
    command = [
        sys.executable, "-m", "celery", "-A", "procusmeet", "worker", "--pool=solo", "-Q", QUEUES,
        "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=warning",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=ROOT, env=cluster.process_env(**env), stdout=output, stderr=output)
    try:
        yield process
    finally:
        _stop(process)


def from_address(address: str, headers: dict | None = None) -> dict:
    """Headers of a request coming from ``address`` through the (trusted) proxy."""
    return {"X-Forwarded-For": address, **(headers or {})}


def csrf_token(session: requests.Session, url: str) -> str:
    """The CSRF token of the form at ``url`` (the session keeps the matching cookie)."""
    page = session.get(url, timeout=10)
    assert page.status_code == 200, page.text
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
