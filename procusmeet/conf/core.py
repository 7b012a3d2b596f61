"""Environment, secrets, hosts, installed apps, middleware, templates and languages."""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from procusmeet.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PROCUSMEET_VAR_DIR", str(BASE_DIR / "var")))

DJANGO_ENV = env_str("DJANGO_ENV", "development")
if DJANGO_ENV not in {"development", "production", "test"}:
    # For an operator: the message alone, without a traceback (like the production refusal).
    raise SystemExit(f"ProcusMeet refuses to start: DJANGO_ENV={DJANGO_ENV!r} must be development, production or test.")
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

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
