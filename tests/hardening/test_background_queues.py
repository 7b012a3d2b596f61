"""Background jobs run on three queues (money, notifications, the rest), and every way of
starting a worker consumes all three, so no job waits on a queue nobody reads."""

import re

import pytest
import yaml
from django.conf import settings

from procusmeet.celery import app
from tests.infra.project import ROOT


@pytest.fixture(scope="module")
def task_names() -> list[str]:
    app.loader.import_default_modules()
    return sorted(name for name in app.tasks if not name.startswith("celery."))


def queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


@pytest.mark.parametrize(
    ("task_name", "queue"),
    [
        ("payments.tasks.payout_send", "payments"),
        ("payments.tasks.payment_webhooks_retry", "payments"),
        ("scheduling.tasks.booking_refunds_retry", "payments"),
        ("notifications.tasks.send_notification_email", "notifications"),
        ("notifications.tasks.send_due_reminders", "notifications"),
        ("scheduling.tasks.bookings_expire_unpaid", "default"),
        ("calls.tasks.calls_mark_no_show", "payments"),  # it refunds no-shows
    ],
)
def test_jobs_are_routed_to_their_queue(task_names, task_name, queue):
    assert task_name in task_names
    assert queue_of(task_name) == queue


def test_every_job_lands_on_a_queue_the_workers_consume(task_names):
    assert {queue_of(name) for name in task_names} == set(settings.BACKGROUND_QUEUES)


def test_every_periodic_job_is_a_registered_task(task_names):
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= set(task_names)
    assert {"notifications.tasks.send_due_reminders", "payments.tasks.payouts_reconcile"} <= scheduled


def _consumed(command: str) -> set[str]:
    found = re.search(r"-Q[ =\"',]+([a-z,]+)", command)
    return set(found.group(1).split(",")) if found else set()


def test_the_compose_worker_consumes_every_queue():
    worker = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["worker"]
    assert _consumed(" ".join(worker["command"])) == set(settings.BACKGROUND_QUEUES)


def test_the_make_run_worker_consumes_every_queue():
    script = (ROOT / "scripts" / "run_dev.sh").read_text()
    worker_line = next(line for line in script.splitlines() if "celery" in line and " worker" in line)
    assert _consumed(worker_line) == set(settings.BACKGROUND_QUEUES)
