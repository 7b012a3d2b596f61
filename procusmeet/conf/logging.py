"""Logging (one structured line per record, with the request id) and error reporting."""

from procusmeet.conf.core import DJANGO_ENV
from procusmeet.env import env_str

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "procusmeet.logging.RequestIdFilter"},
        "client_error_without_traceback": {"()": "procusmeet.logging.ClientErrorWithoutTraceback"},
    },
    "formatters": {
        "structured": {
            "format": "%(asctime)s level=%(levelname)s logger=%(name)s request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "structured",
            "filters": ["request_id", "client_error_without_traceback"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Replace Django's default handlers (debug console, mail to admins): every line goes
    # through the root handler once, in the structured format; Sentry reports errors.
    "loggers": {"django": {"handlers": [], "level": env_str("LOG_LEVEL", "INFO"), "propagate": True}},
}

SENTRY_DSN = env_str("SENTRY_DSN", "")


def init_sentry() -> None:
    """Report errors to Sentry when SENTRY_DSN is set (never personal data, no tracing)."""
    if not SENTRY_DSN:
        return
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, environment=DJANGO_ENV, send_default_pii=False, traces_sample_rate=0.0)
