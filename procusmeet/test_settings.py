"""Settings for the test suite: the production database engine (PostgreSQL) and
in-memory mail, otherwise the same module the site runs with."""

import os
import tempfile

os.environ.setdefault("DJANGO_ENV", "test")
os.environ.setdefault("DJANGO_DEBUG", "false")
# The suite never reports to a real Sentry project, whatever the shell exports.
os.environ["SENTRY_DSN"] = ""

from procusmeet.settings import *  # noqa: E402,F403
from procusmeet.settings import DATABASES  # noqa: E402

DATABASES["default"] = dj_database_url.parse(  # noqa: F405
    os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/procusmeet"),
    conn_max_age=0,
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
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
