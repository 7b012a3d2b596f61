"""Settings for the test suite: the production database engine (PostgreSQL) and
in-memory mail, otherwise the same module the site runs with."""

import os
import tempfile

import dj_database_url

os.environ.setdefault("DJANGO_ENV", "test")
os.environ.setdefault("DJANGO_DEBUG", "false")
# The suite never reports to a real Sentry project, whatever the shell exports.
os.environ["SENTRY_DSN"] = ""

from procusmeet.settings import *  # noqa: E402,F403
from procusmeet.settings import DATABASES  # noqa: E402

DATABASES["default"] = dj_database_url.parse(
    os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/procusmeet"),
    conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],  # the site's own (DATABASE_CONN_MAX_AGE)
    conn_health_checks=True,
)
# One cache folder per test process; tests that prove sharing open a second client on it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": tempfile.mkdtemp(prefix="procusmeet-cache-"),
    }
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="procusmeet-media-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = os.environ.get("CELERY_TASK_ALWAYS_EAGER", "true") == "true"

# Web processes and workers that tests start (tests/hardening) share one Redis cache and
# one broker, kept apart from parallel test runs by a key prefix and a folder of their own.
if os.environ.get("TEST_SHARED_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["TEST_SHARED_CACHE_URL"],
            "KEY_PREFIX": os.environ["TEST_SHARED_CACHE_PREFIX"],
        }
    }
if os.environ.get("TEST_BROKER_FOLDER"):
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT = LOCAL_BROKER_TRANSPORT  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": os.environ["TEST_BROKER_FOLDER"],
        "data_folder_out": os.environ["TEST_BROKER_FOLDER"],
        "control_folder": os.path.join(os.environ["TEST_BROKER_FOLDER"], "control"),
    }
    os.makedirs(CELERY_BROKER_TRANSPORT_OPTIONS["control_folder"], exist_ok=True)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
