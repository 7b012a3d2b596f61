"""ProcusMeet settings: one module driven by environment variables.

Development defaults need no servers (SQLite, local files, a file cache shared by
processes, the `test` payment provider). ``DJANGO_ENV=production`` turns on the strict
checks and refuses to start without the variables production needs.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from procusmeet.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("PROCUSMEET_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production", "test"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, production or test.")
PRODUCTION = DJANGO_ENV == "production"
DEVELOPMENT_SECRET_KEY = "dev-insecure-procusmeet-key-change-me-in-production-0123456789"

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "" if PRODUCTION else DEVELOPMENT_SECRET_KEY)
# Previous secret keys, still accepted for what they signed (sessions, password-reset
# links) while a new DJANGO_SECRET_KEY takes over; drop them once those have expired.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])
DEBUG = env_bool("DJANGO_DEBUG", DJANGO_ENV == "development")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", [] if PRODUCTION else ["http://localhost:8000", "http://127.0.0.1:8000"])
CORS_ALLOW_CREDENTIALS = True
SITE_URL = env_str("SITE_URL", "" if PRODUCTION else f"http://127.0.0.1:{env_int('PORT', 8000)}").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "servestatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "procusmeet",
    "accounts",
    "scheduling",
    "calls",
    "payments",
    "notifications",
    "calendars",
    "reviews",
    "dashboard",
    "ops",
]

MIDDLEWARE = [
    "procusmeet.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "procusmeet.middleware.DatabaseUnavailableMiddleware",
    "procusmeet.middleware.PermissionsPolicyMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "procusmeet.ratelimits.RateLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "procusmeet.db_router.ReplicaReadsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "procusmeet.urls"
WSGI_APPLICATION = "procusmeet.wsgi.application"
ASGI_APPLICATION = "procusmeet.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "procusmeet.context_processors.site",
            ],
        },
    }
]

# --- Data -----------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# A read replica (SPEC §11): the views below read from it (procusmeet.db_router), unless
# the visitor wrote something in the last DATABASE_REPLICA_STICKY_SECONDS; writes, and
# every other read, use default.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            DATABASE_REPLICA_URL, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True
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

# --- Accounts and authentication ------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "landing"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_str("ACCOUNT_EMAIL_VERIFICATION", "optional")
ACCOUNT_FORMS = {"signup": "accounts.forms.SignupForm"}
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_FORMS = {"signup": "accounts.forms.SocialSignupForm"}
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
# Our RateLimitMiddleware limits these flows for web and API alike.
ACCOUNT_RATE_LIMITS = False
ACCOUNT_LOGOUT_ON_GET = False

GOOGLE_CLIENT_ID = env_str("GOOGLE_CLIENT_ID", "")
GOOGLE_CLIENT_SECRET = env_str("GOOGLE_CLIENT_SECRET", "")
GOOGLE_USERINFO_URL = env_str("GOOGLE_USERINFO_URL", "https://openidconnect.googleapis.com/v1/userinfo")
GOOGLE_TIMEOUT_SECONDS = env_int("GOOGLE_TIMEOUT_SECONDS", 5)
GOOGLE_LOGIN_ENABLED = bool(GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)
SOCIALACCOUNT_PROVIDERS = {
    "google": {
        "SCOPE": ["profile", "email"],
        "AUTH_PARAMS": {"access_type": "online"},
        "APP": {"client_id": GOOGLE_CLIENT_ID, "secret": GOOGLE_CLIENT_SECRET, "key": ""},
    }
}

JWT_ACCESS_MINUTES = env_int("JWT_ACCESS_MINUTES", 15)
JWT_REFRESH_DAYS = env_int("JWT_REFRESH_DAYS", 14)
REFRESH_COOKIE_NAME = "procusmeet_refresh"
REFRESH_COOKIE_PATH = "/api/v1/auth/"
REFRESH_COOKIE_SECURE = DJANGO_ENV != "development"
SIMPLE_JWT = {
    "ALGORITHM": "HS256",
    "SIGNING_KEY": env_str("JWT_SIGNING_KEY", "") or SECRET_KEY,
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=JWT_ACCESS_MINUTES),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=JWT_REFRESH_DAYS),
    "USER_ID_CLAIM": "user_id",
    "USER_ID_FIELD": "id",
    "AUTH_HEADER_TYPES": ("Bearer",),
    "UPDATE_LAST_LOGIN": False,
}

# --- API --------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ActiveUserJWTAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "procusmeet.api.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "procusmeet.api.errors.api_exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ProcusMeet API",
    "DESCRIPTION": "Paid one-to-one video consultations: experts, slots, bookings, calls and payouts.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a "status" (and a "role"); name these so the schema reads well.
    "ENUM_NAME_OVERRIDES": {
        "PaymentStatusEnum": "payments.models.PaymentStatus.choices",
        "UserRoleEnum": "accounts.models.Role.choices",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "notifications.api.schema.stream_path_add",  # the SSE stream is an async view
    ],
}

# --- Rate limits (django-ratelimit, shared cache) -------------------------------------
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_GLOBAL_RATE = env_str("RATELIMIT_GLOBAL_RATE", "600/m")
RATELIMIT_AUTH_RATE = env_str("RATELIMIT_AUTH_RATE", "10/m")
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]

# --- Security ----------------------------------------------------------------------


def _media_origins() -> list[str]:
    """Origins of uploaded images (photos), for the Content-Security-Policy."""
    if not STORAGE_ENDPOINT:
        return []
    if AWS_S3_CUSTOM_DOMAIN:
        return [f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN.split('/')[0]}"]
    return [STORAGE_ENDPOINT]


SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "procusmeet.views.csrf_failure"
PERMISSIONS_POLICY = "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"] + _media_origins(),
        "media-src": ["'self'", "blob:", "mediastream:"],
        "connect-src": ["'self'"] + env_list("CSP_CONNECT_EXTRA", []),
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"] + env_list("CSP_FORM_ACTION_EXTRA", []),
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

# --- Payments, calls, mail ------------------------------------------------------------
PAYMENT_PROVIDER = env_str("PAYMENT_PROVIDER", "test")
PAYSTACK_SECRET_KEY = env_str("PAYSTACK_SECRET_KEY", "")
PAYSTACK_BASE_URL = env_str("PAYSTACK_BASE_URL", "https://api.paystack.co")
PAYSTACK_TIMEOUT_SECONDS = env_int("PAYSTACK_TIMEOUT_SECONDS", 10)
PLATFORM_FEE_PERCENT = env_int("PLATFORM_FEE_PERCENT", 10)
# The smallest payout an expert may request, in minor units of their currency.
PAYOUT_MINIMUM = env_int("PAYOUT_MINIMUM", 10_000)
# A booking whose payment is not completed within this many minutes expires (SPEC §3).
BOOKING_PAYMENT_MINUTES = env_int("BOOKING_PAYMENT_MINUTES", 30)
if PAYMENT_PROVIDER == "paystack":
    # "Confirm and pay" is a form whose answer redirects to Paystack's hosted checkout,
    # and browsers apply form-action to that redirect too.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append("https://checkout.paystack.com")
LIVEKIT_URL = env_str("LIVEKIT_URL", "")
LIVEKIT_API_KEY = env_str("LIVEKIT_API_KEY", "")
LIVEKIT_API_SECRET = env_str("LIVEKIT_API_SECRET", "")
LIVEKIT_TOKEN_TTL_MINUTES = env_int("LIVEKIT_TOKEN_TTL_MINUTES", 120)
# The server API (room service) over http(s); empty = LIVEKIT_URL's host with ws→http, wss→https.
LIVEKIT_API_URL = env_str("LIVEKIT_API_URL", "")
LIVEKIT_TIMEOUT_SECONDS = env_int("LIVEKIT_TIMEOUT_SECONDS", 5)
# A call someone never joined becomes a no-show this long after its scheduled end (SPEC §4).
CALL_NO_SHOW_GRACE_MINUTES = env_int("CALL_NO_SHOW_GRACE_MINUTES", 15)
if LIVEKIT_URL:
    # The call page opens LiveKit's WebSocket and fetches its /rtc/validate over http(s).
    _livekit = urlsplit(LIVEKIT_URL)
    _livekit_secure = _livekit.scheme in {"wss", "https"}
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["connect-src"] += [
        f"{'wss' if _livekit_secure else 'ws'}://{_livekit.netloc}",
        f"{'https' if _livekit_secure else 'http'}://{_livekit.netloc}",
    ]

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
if EMAIL_HOST != "localhost" and "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ProcusMeet <no-reply@procusmeet.local>")

# --- Notifications (SSE) and calendar sync ---------------------------------------------------
# Open streams per user (the next one gets 429), idle heartbeat, longest life of one stream
# (the browser reconnects and is re-authenticated), and the embedded default's poll interval.
NOTIFICATIONS_MAX_STREAMS_PER_USER = env_int("NOTIFICATIONS_MAX_STREAMS_PER_USER", 5)
NOTIFICATIONS_SSE_HEARTBEAT_SECONDS = env_int("NOTIFICATIONS_SSE_HEARTBEAT_SECONDS", 15)
NOTIFICATIONS_SSE_MAX_SECONDS = env_int("NOTIFICATIONS_SSE_MAX_SECONDS", 600)
NOTIFICATIONS_SSE_RETRY_MS = 3000
NOTIFICATIONS_POLL_SECONDS = 1.0
NOTIFICATIONS_REDIS_PREFIX = env_str("NOTIFICATIONS_REDIS_PREFIX", "procusmeet")
CALENDAR_REFRESH_MINUTES = env_int("CALENDAR_REFRESH_MINUTES", 15)
CALENDAR_FETCH_TIMEOUT_SECONDS = env_int("CALENDAR_FETCH_TIMEOUT_SECONDS", 10)
CALENDAR_FETCH_MAX_BYTES = env_int("CALENDAR_FETCH_MAX_BYTES", 2 * 1024 * 1024)
# Only tests serving feeds on 127.0.0.1 need this; never in production (SSRF).
CALENDAR_FETCH_ALLOW_PRIVATE = env_bool("CALENDAR_FETCH_ALLOW_PRIVATE", False)

# --- Background jobs ---------------------------------------------------------------------
CELERY_BROKER_URL = REDIS_URL or "filesystem://"
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
CELERY_BEAT_SCHEDULE = {
    "send-due-reminders": {"task": "notifications.tasks.send_due_reminders", "schedule": 60.0},
    "refresh-external-calendars": {"task": "calendars.tasks.refresh_external_calendars", "schedule": 300.0},
}
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
CELERY_BEAT_SCHEDULE |= {
    "bookings-expire-unpaid": {"task": "scheduling.tasks.bookings_expire_unpaid", "schedule": 60.0},
    "bookings-expire-unanswered": {"task": "scheduling.tasks.bookings_expire_unanswered", "schedule": 60.0},
    "bookings-refunds-retry": {"task": "scheduling.tasks.booking_refunds_retry", "schedule": 300.0},
    "payments-webhooks-retry": {"task": "payments.tasks.payment_webhooks_retry", "schedule": 120.0},
}
CELERY_BEAT_SCHEDULE["calls-mark-no-show"] = {"task": "calls.tasks.calls_mark_no_show", "schedule": 180.0}
CELERY_BEAT_SCHEDULE["payouts-reconcile"] = {"task": "payments.tasks.payouts_reconcile", "schedule": 300.0}


def _local_folders() -> list[Path]:
    """Folders the embedded defaults write to, so a fresh checkout (or worker) starts."""
    folders = []
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        folders.append(Path(DATABASES["default"]["NAME"]).parent)
    if not REDIS_URL:
        folders += [VAR_DIR / "cache", VAR_DIR / "broker" / "control"]
    if not STORAGE_ENDPOINT:
        folders.append(MEDIA_ROOT)
    return folders


for _folder in _local_folders():
    _folder.mkdir(parents=True, exist_ok=True)

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Logging and errors ------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "procusmeet.logging.RequestIdFilter"}},
    "formatters": {
        "structured": {
            "format": "%(asctime)s level=%(levelname)s logger=%(name)s request_id=%(request_id)s %(message)s"
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "structured", "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # Replace Django's default handlers (debug console, mail to admins): every line goes
    # through the root handler once, in the structured format; Sentry reports errors.
    "loggers": {"django": {"handlers": [], "level": env_str("LOG_LEVEL", "INFO"), "propagate": True}},
}

SENTRY_DSN = env_str("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(dsn=SENTRY_DSN, environment=DJANGO_ENV, send_default_pii=False, traces_sample_rate=0.0)


def _refuse_unsafe_production() -> None:
    """Production must be configured on purpose; fail loudly at start otherwise."""
    missing = []
    if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        missing.append("DJANGO_SECRET_KEY (50+ random characters)")
    if not ALLOWED_HOSTS:
        missing.append("ALLOWED_HOSTS")
    if not env_str("DATABASE_URL", ""):
        missing.append("DATABASE_URL")
    if PAYMENT_PROVIDER == "test":
        missing.append("PAYMENT_PROVIDER=paystack (the test provider moves no money)")
    if PAYMENT_PROVIDER == "paystack" and not PAYSTACK_SECRET_KEY:
        missing.append("PAYSTACK_SECRET_KEY")
    if not SITE_URL:
        missing.append("SITE_URL")
    if DEBUG:
        missing.append("DJANGO_DEBUG must be off")
    if CALENDAR_FETCH_ALLOW_PRIVATE:
        missing.append("CALENDAR_FETCH_ALLOW_PRIVATE must be off (it lets feeds reach private networks)")
    if missing:
        raise ImproperlyConfigured("Production settings are incomplete: " + "; ".join(missing))


if PRODUCTION:
    _refuse_unsafe_production()
