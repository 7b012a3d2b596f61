"""`make run`'s server (scripts/run_dev.sh) does not keep serving when its Celery worker,
beat or web server dies: it stops the other two and fails with a line naming the one
that exited, instead of a site that silently sends no email and expires no booking.

The three processes are stand-ins here (a fake ``PYTHON`` that records its role and pid,
then waits), so the test is about the script's supervision alone and takes a second."""

import os
import signal
import subprocess
from pathlib import Path

import pytest

from tests.infra.project import ROOT
from tests.notifications.servers import wait_until

FAKE_PYTHON = """#!/usr/bin/env bash
case " $* " in
  *" worker "*) role=worker ;;
  *" beat "*) role=beat ;;
  *) role=web ;;
esac
echo "$role $$" >> "$FAKE_DIR/started"
exec sleep 600
"""
NAMES = {"worker": "the Celery worker", "beat": "Celery beat", "web": "the web server (uvicorn)"}


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting for whoever adopted it to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _started(folder: Path) -> dict[str, int]:
    path = folder / "started"
    lines = path.read_text().split("\n") if path.exists() else []
    return {role: int(pid) for role, pid in (line.split() for line in lines if line.strip())}


@pytest.fixture
def run_dev(tmp_path):
    fake = tmp_path / "python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    env = {**os.environ, "PYTHON": str(fake), "FAKE_DIR": str(tmp_path), "PROCUSMEET_VAR_DIR": str(tmp_path / "var")}
    process = subprocess.Popen(
        ["bash", "scripts/run_dev.sh"], cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        children = wait_until(lambda: len(_started(tmp_path)) == 3 and _started(tmp_path), timeout=20, message="3 children")
        yield process, children
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        for pid in _started(tmp_path).values():
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("role", ["worker", "beat", "web"])
def test_a_dead_child_stops_the_others_and_fails_naming_it(run_dev, role):
    process, children = run_dev

    os.kill(children[role], signal.SIGKILL)

    assert process.wait(timeout=20) == 1
    stderr = process.stderr.read()
    assert f"ProcusMeet: {NAMES[role]} exited (status 137); stopping the others." in stderr
    wait_until(lambda: not any(_alive(pid) for pid in children.values()), timeout=10, message="the others to stop")


@pytest.mark.parametrize(("how", "status"), [("TERM to the script", 143), ("Ctrl+C to the group", 130)])
def test_being_told_to_stop_stops_every_child_without_blaming_one(run_dev, how, status):
    process, children = run_dev

    if how == "TERM to the script":
        process.send_signal(signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGINT)

    assert process.wait(timeout=20) == status
    assert "exited" not in process.stderr.read()
    wait_until(lambda: not any(_alive(pid) for pid in children.values()), timeout=10, message="every child to stop")
