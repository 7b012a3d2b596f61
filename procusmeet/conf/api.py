"""The JSON API (Django REST framework, the OpenAPI schema) and rate limits."""

from procusmeet.env import env_bool, env_str

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
    "DEFAULT_PARSER_CLASSES": [
        "procusmeet.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
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
        "procusmeet.api.schema.paginated_errors_add",  # the pagination's 400 and 404
        "procusmeet.api.schema.common_errors_add",  # 429 and 415, which any operation can answer
    ],
}

# Rate limits (django-ratelimit) count in the shared cache, so every process sees them.
RATELIMIT_ENABLE = env_bool("RATELIMIT_ENABLE", True)
RATELIMIT_USE_CACHE = "default"
RATELIMIT_GLOBAL_RATE = env_str("RATELIMIT_GLOBAL_RATE", "600/m")
# Per IP and per auth path (login, sign-up, refresh, password reset, Google each count alone).
RATELIMIT_AUTH_RATE = env_str("RATELIMIT_AUTH_RATE", "20/m")
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
