"""Background jobs (Celery): the broker, queues, routes and the periodic schedule."""

from procusmeet.conf.core import VAR_DIR
from procusmeet.conf.storage import REDIS_URL
from procusmeet.env import env_bool

CELERY_BROKER_URL = REDIS_URL or "filesystem://"
# kombu's folder broker, with whole-message writes (see procusmeet/broker.py).
LOCAL_BROKER_TRANSPORT = "procusmeet.broker:Transport"
CELERY_BROKER_TRANSPORT = None if REDIS_URL else LOCAL_BROKER_TRANSPORT
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {}
    if REDIS_URL
    else {
        "data_folder_in": str(VAR_DIR / "broker"),
        "data_folder_out": str(VAR_DIR / "broker"),
        # kombu's default is ./control, relative to wherever the worker was started.
        "control_folder": str(VAR_DIR / "broker" / "control"),
    }
)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = "UTC"
# Three queues, so a flood of emails never delays money and the reverse: workers consume
# all of them by default (`-Q default,payments,notifications`) or one each when scaled out.
CELERY_TASK_DEFAULT_QUEUE = "default"
BACKGROUND_QUEUES = ("default", "payments", "notifications")
CELERY_TASK_ROUTES = {
    "payments.*": {"queue": "payments"},
    "scheduling.tasks.booking_refunds_retry": {"queue": "payments"},
    "calls.tasks.calls_mark_no_show": {"queue": "payments"},  # refunds no-shows
    "notifications.*": {"queue": "notifications"},
}
# Periodic jobs (run by `celery beat`); each task is idempotent, so an overlap is harmless.
CELERY_BEAT_SCHEDULE = {
    "send-due-reminders": {"task": "notifications.tasks.send_due_reminders", "schedule": 60.0},
    "refresh-external-calendars": {"task": "calendars.tasks.refresh_external_calendars", "schedule": 300.0},
    "bookings-expire-unpaid": {"task": "scheduling.tasks.bookings_expire_unpaid", "schedule": 60.0},
    "bookings-expire-unanswered": {"task": "scheduling.tasks.bookings_expire_unanswered", "schedule": 60.0},
    "bookings-refunds-retry": {"task": "scheduling.tasks.booking_refunds_retry", "schedule": 300.0},
    "payments-webhooks-retry": {"task": "payments.tasks.payment_webhooks_retry", "schedule": 120.0},
    "calls-mark-no-show": {"task": "calls.tasks.calls_mark_no_show", "schedule": 180.0},
    "payouts-reconcile": {"task": "payments.tasks.payouts_reconcile", "schedule": 300.0},
}
