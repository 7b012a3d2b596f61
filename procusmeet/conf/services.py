"""Payments, calls (LiveKit), mail, live notifications and calendar sync."""

import os

from procusmeet.env import env_bool, env_int, env_str

PAYMENT_PROVIDER = env_str("PAYMENT_PROVIDER", "test")
PAYSTACK_SECRET_KEY = env_str("PAYSTACK_SECRET_KEY", "")
PAYSTACK_BASE_URL = env_str("PAYSTACK_BASE_URL", "https://api.paystack.co")
PAYSTACK_TIMEOUT_SECONDS = env_int("PAYSTACK_TIMEOUT_SECONDS", 10, minimum=1)
PLATFORM_FEE_PERCENT = env_int("PLATFORM_FEE_PERCENT", 10, minimum=0, maximum=100)
# The smallest payout an expert may request, in minor units of their currency.
PAYOUT_MINIMUM = env_int("PAYOUT_MINIMUM", 10_000, minimum=1)
# A booking whose payment is not completed within this many minutes expires (SPEC §3).
BOOKING_PAYMENT_MINUTES = env_int("BOOKING_PAYMENT_MINUTES", 30, minimum=1)

LIVEKIT_URL = env_str("LIVEKIT_URL", "")
LIVEKIT_API_KEY = env_str("LIVEKIT_API_KEY", "")
LIVEKIT_API_SECRET = env_str("LIVEKIT_API_SECRET", "")
LIVEKIT_TOKEN_TTL_MINUTES = env_int("LIVEKIT_TOKEN_TTL_MINUTES", 120, minimum=1)
# The server API (room service) over http(s); empty = LIVEKIT_URL's host with ws→http, wss→https.
LIVEKIT_API_URL = env_str("LIVEKIT_API_URL", "")
LIVEKIT_TIMEOUT_SECONDS = env_int("LIVEKIT_TIMEOUT_SECONDS", 5, minimum=1)
# A call someone never joined becomes a no-show this long after its scheduled end (SPEC §4).
CALL_NO_SHOW_GRACE_MINUTES = env_int("CALL_NO_SHOW_GRACE_MINUTES", 15, minimum=0)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
if EMAIL_HOST != "localhost" and "EMAIL_BACKEND" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ProcusMeet <no-reply@procusmeet.local>")

# Open streams per user (the next one gets 429), idle heartbeat, longest life of one stream
# (the browser reconnects and is re-authenticated), and the embedded default's poll interval.
NOTIFICATIONS_MAX_STREAMS_PER_USER = env_int("NOTIFICATIONS_MAX_STREAMS_PER_USER", 5, minimum=1)
NOTIFICATIONS_SSE_HEARTBEAT_SECONDS = env_int("NOTIFICATIONS_SSE_HEARTBEAT_SECONDS", 15, minimum=1)
NOTIFICATIONS_SSE_MAX_SECONDS = env_int("NOTIFICATIONS_SSE_MAX_SECONDS", 600, minimum=1)
NOTIFICATIONS_SSE_RETRY_MS = 3000
NOTIFICATIONS_POLL_SECONDS = 1.0
NOTIFICATIONS_REDIS_PREFIX = env_str("NOTIFICATIONS_REDIS_PREFIX", "procusmeet")
CALENDAR_REFRESH_MINUTES = env_int("CALENDAR_REFRESH_MINUTES", 15, minimum=1)
CALENDAR_FETCH_TIMEOUT_SECONDS = env_int("CALENDAR_FETCH_TIMEOUT_SECONDS", 10, minimum=1)
CALENDAR_FETCH_MAX_BYTES = env_int("CALENDAR_FETCH_MAX_BYTES", 2 * 1024 * 1024, minimum=1)
# Only tests serving feeds on 127.0.0.1 need this; never in production (SSRF).
CALENDAR_FETCH_ALLOW_PRIVATE = env_bool("CALENDAR_FETCH_ALLOW_PRIVATE", False)
