"""Real processes for the stream tests: uvicorn serving the app (ASGI), a Celery worker,
and a small Server-Sent Events reader. They use the test database of this pytest worker
(``transactional_db`` commits, so they see the rows a test creates)."""

import os
import queue
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import requests
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(**overrides: str) -> dict[str, str]:
    settings_dict = connection.settings_dict
    database_url = (
        f"postgres://{settings_dict['USER'] or 'postgres'}@{settings_dict['HOST'] or '127.0.0.1'}:"
        f"{settings_dict['PORT'] or 5432}/{settings_dict['NAME']}"
    )
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="procusmeet.test_settings",
        DATABASE_URL=database_url,
        RATELIMIT_ENABLE="false",
        PYTHONPATH=str(ROOT),
        **overrides,
    )
    return env


def wait_until(condition, *, timeout: float, interval: float = 0.05, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message}")


def _answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=1).status_code == 200
    except requests.RequestException:
        return False


@contextmanager
def uvicorn_process(**env: str):
    """The app under uvicorn on a free port; yields its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "procusmeet.asgi:application", "--host", "127.0.0.1",
         "--port", str(port), "--lifespan", "off", "--log-level", "warning"],
        cwd=ROOT, env=app_env(**env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: process.poll() is not None or _answers(f"{url}/healthz"), timeout=30, message="uvicorn")
        assert process.poll() is None, process.stderr.read().decode()
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def celery_worker(*, queue_name: str, **env: str):
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "procusmeet", "worker", "--pool=solo", "-Q", queue_name,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=warning"],
        cwd=ROOT, env=app_env(**env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


class EventStream:
    """Reads a text/event-stream in a thread; ``next()`` returns the next event or comment."""

    def __init__(self, url: str, headers: dict[str, str] | None = None):
        self.response = requests.get(url, headers=headers or {}, stream=True, timeout=(5, 60))
        self.status_code = self.response.status_code
        self.events: queue.Queue = queue.Queue()
        if self.status_code == 200:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        event: dict = {}
        try:
            for raw in self.response.iter_lines(decode_unicode=True):
                if raw == "":
                    if "data" in event:  # a block without data (``retry:``) is no event
                        self.events.put(event)
                    event = {}
                elif raw.startswith(":"):
                    self.events.put({"comment": raw[1:].strip()})
                else:
                    field, _, value = raw.partition(":")
                    event[field] = value.removeprefix(" ")
        except (requests.RequestException, AttributeError, ValueError):
            pass  # closed by the test
        self.events.put({"closed": True})

    def next(self, timeout: float, *, skip_comments: bool = True) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no event within {timeout}s")
            try:
                item = self.events.get(timeout=remaining)
            except queue.Empty:
                raise AssertionError(f"no event within {timeout}s") from None
            if skip_comments and "comment" in item:
                continue
            return item

    def notification(self, timeout: float) -> dict:
        """The next ``notification`` event (skipping unread counts and comments)."""
        import json

        deadline = time.monotonic() + timeout
        while True:
            item = self.next(max(deadline - time.monotonic(), 0.001))
            if item.get("event") == "notification":
                return {**json.loads(item["data"]), "event_id": item.get("id")}
            assert "closed" not in item, "the stream closed"

    def close(self) -> None:
        self.response.close()
