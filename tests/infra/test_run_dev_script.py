"""`make run`'s server (scripts/run_dev.sh) stops when its process group is told to, even
with a browser's notification stream open: IDEs, supervisors and `kill -- -PGID` signal
every process of the group at once, and nothing may be left running afterwards."""

import os
import signal
import subprocess
import sys

import pytest
import requests

from accounts.tokens import session_start
from tests.infra.project import ROOT
from tests.notifications.servers import EventStream, app_env, free_port, wait_until

STOP_SECONDS = 15  # uvicorn's bounded graceful stop (5 s) plus the worker's warm shutdown


def _group_gone(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return True
    return False


def _ready(url: str) -> bool:
    try:
        return requests.get(f"{url}/readyz", timeout=2).status_code == 200
    except requests.RequestException:
        return False


@pytest.mark.django_db(transaction=True)
def test_the_whole_group_stops_with_a_stream_open(tmp_path, alice_client):
    port = free_port()
    env = app_env(
        PYTHON=sys.executable,
        PORT=str(port),
        PROCUSMEET_VAR_DIR=str(tmp_path / "var"),
        TEST_BROKER_FOLDER=str(tmp_path / "broker"),
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    log = (tmp_path / "run_dev.log").open("wb")
    process = subprocess.Popen(
        ["bash", "scripts/run_dev.sh"], cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True
    )
    group = process.pid
    url = f"http://127.0.0.1:{port}"
    stream = None
    try:
        wait_until(lambda: process.poll() is not None or _ready(url), timeout=60, message="run_dev.sh /readyz")
        assert process.poll() is None, (tmp_path / "run_dev.log").read_text()
        token = session_start(user=alice_client, user_agent="pytest", ip="127.0.0.1").access
        stream = EventStream(f"{url}/api/v1/notifications/stream", {"Authorization": f"Bearer {token}"})
        assert stream.status_code == 200 and stream.next(10)["event"] == "unread"

        os.killpg(group, signal.SIGTERM)

        process.wait(timeout=STOP_SECONDS)
        wait_until(lambda: _group_gone(group), timeout=STOP_SECONDS, message="every process of the group to exit")
    finally:
        if stream is not None:
            stream.close()
        if not _group_gone(group):
            os.killpg(group, signal.SIGKILL)
        process.wait(timeout=10)
        log.close()
