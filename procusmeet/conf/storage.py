"""Where data lives: the database (and its read replica), the cache, files and media."""

from pathlib import Path

import dj_database_url

from procusmeet.conf.core import BASE_DIR, DEBUG, PRODUCTION, VAR_DIR
from procusmeet.env import env_bool, env_int, env_str

# 0: each request closes its connection. The site runs under ASGI (uvicorn), where every
# request's synchronous code gets a thread of its own; a connection kept for reuse stays
# behind with that thread, so they pile up until PostgreSQL refuses new clients (Django:
# "When using ASGI, persistent connections should be disabled"). Reuse belongs in a
# pooler such as PgBouncer in front of PostgreSQL.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 0)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=DATABASE_CONN_MAX_AGE,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default has no row locks (select_for_update is a no-op on SQLite), so
    # every transaction takes the write lock when it begins (IMMEDIATE): a booking's
    # "is the slot free?" check and its insert can then never interleave with another's,
    # and a waiting writer queues for up to `timeout` seconds instead of failing. WAL lets
    # the web process, worker and beat read while one of them writes.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A read replica (SPEC §11): the views below read from it (procusmeet.db_router), unless
# the visitor wrote something in the last DATABASE_REPLICA_STICKY_SECONDS; writes, and
# every other read, use default.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL, conn_max_age=DATABASE_CONN_MAX_AGE, conn_health_checks=True
        ),
        # Test runs have one database; the replica alias reads it (no second test database).
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["procusmeet.db_router.ReplicaRouter"]
DATABASE_REPLICA_STICKY_SECONDS = env_int("DATABASE_REPLICA_STICKY_SECONDS", 15)
# URL names of read-only views: the directory, public profiles, the booking widget and slots.
DATABASE_REPLICA_VIEWS = frozenset(
    {
        "experts:directory",
        "experts:detail",
        "api-experts",
        "api-expert",
        "scheduling:api-expert-slots",
        "scheduling:booking-calendar",
        "scheduling:booking-summary",
        "api-expert-reviews",
    }
)

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # A file cache is shared by every process on the machine, which rate limits need.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

STORAGE_ENDPOINT = env_str("AWS_S3_ENDPOINT_URL", "")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "servestatic.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
if STORAGE_ENDPOINT:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = STORAGE_ENDPOINT
    AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME", "procusmeet")
    AWS_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID", "")
    AWS_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY", "")
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME", "us-east-1")
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", False)
    AWS_DEFAULT_ACL = None
    # Where browsers fetch media when that differs from the endpoint the app talks to
    # (compose: the app reaches http://minio:9000, browsers localhost:9000/<bucket>).
    # Such links are plain (unsigned): the bucket must allow public reads of its objects.
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN", "") or None
    AWS_S3_URL_PROTOCOL = env_str("AWS_S3_URL_PROTOCOL", "https:")

MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
SERVESTATIC_USE_FINDERS = not PRODUCTION
SERVESTATIC_AUTOREFRESH = DEBUG


def media_origins() -> list[str]:
    """Origins of uploaded images (photos), for the Content-Security-Policy."""
    if not STORAGE_ENDPOINT:
        return []
    if AWS_S3_CUSTOM_DOMAIN:
        return [f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN.split('/')[0]}"]
    return [STORAGE_ENDPOINT]


def create_local_folders() -> None:
    """Create the folders the embedded defaults write to, so a fresh checkout (or worker) starts."""
    folders = []
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        folders.append(Path(DATABASES["default"]["NAME"]).parent)
    if not REDIS_URL:
        folders += [VAR_DIR / "cache", VAR_DIR / "broker" / "control"]
    if not STORAGE_ENDPOINT:
        folders.append(MEDIA_ROOT)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
