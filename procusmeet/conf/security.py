"""Security headers, the Content-Security-Policy, HTTPS in production, and the check that
refuses to start production without the variables it needs."""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from procusmeet.conf.accounts import GOOGLE_LOGIN_ENABLED
from procusmeet.conf.core import (
    ALLOWED_HOSTS,
    DEBUG,
    DEVELOPMENT_SECRET_KEY,
    PRODUCTION,
    SECRET_KEY,
    SITE_URL,
)
from procusmeet.conf.services import (
    CALENDAR_FETCH_ALLOW_PRIVATE,
    LIVEKIT_URL,
    PAYMENT_PROVIDER,
    PAYSTACK_SECRET_KEY,
)
from procusmeet.conf.storage import media_origins
from procusmeet.env import env_bool, env_int, env_list, env_str


def _livekit_origins() -> list[str]:
    """The call page opens LiveKit's WebSocket and fetches its /rtc/validate over http(s)."""
    if not LIVEKIT_URL:
        return []
    livekit = urlsplit(LIVEKIT_URL)
    secure = livekit.scheme in {"wss", "https"}
    return [f"{'wss' if secure else 'ws'}://{livekit.netloc}", f"{'https' if secure else 'http'}://{livekit.netloc}"]


def _payment_form_actions() -> list[str]:
    """Paystack's hosted checkout: "Confirm and pay" is a form whose answer redirects
    there, and browsers apply form-action to that redirect too."""
    return ["https://checkout.paystack.com"] if PAYMENT_PROVIDER == "paystack" else []


def _google_form_actions() -> list[str]:
    """The Google button posts to our own page, which redirects to Google's consent
    screen: the same form-action rule applies to that redirect."""
    return ["https://accounts.google.com"] if GOOGLE_LOGIN_ENABLED else []


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
        "img-src": ["'self'", "data:", "blob:"] + media_origins(),
        "media-src": ["'self'", "blob:", "mediastream:"],
        "connect-src": ["'self'"] + env_list("CSP_CONNECT_EXTRA", []) + _livekit_origins(),
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"]
        + env_list("CSP_FORM_ACTION_EXTRA", [])
        + _payment_form_actions()
        + _google_form_actions(),
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


def refuse_unsafe_production() -> None:
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
    elif PAYMENT_PROVIDER != "paystack":
        # A typo would otherwise start, then fail every booking.
        missing.append(f"PAYMENT_PROVIDER=paystack (not {PAYMENT_PROVIDER!r})")
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
