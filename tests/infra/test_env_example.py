"""`.env.example` documents every variable the code reads and every one SPEC §12 names."""

import re

from tests.infra.project import ROOT, variables_read_by_code

SPEC_VARIABLES = {
    "DJANGO_ENV", "DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "CORS_ALLOWED_ORIGINS", "CSRF_TRUSTED_ORIGINS",
    "PORT", "DATABASE_URL", "DATABASE_REPLICA_URL", "REDIS_URL", "RATELIMIT_ENABLE",
    "JWT_ACCESS_MINUTES", "JWT_REFRESH_DAYS", "PAYMENT_PROVIDER", "PAYSTACK_SECRET_KEY",
    "PAYSTACK_BASE_URL", "PLATFORM_FEE_PERCENT", "LIVEKIT_URL", "LIVEKIT_API_KEY",
    "LIVEKIT_API_SECRET", "LIVEKIT_TOKEN_TTL_MINUTES", "GOOGLE_CLIENT_ID", "GOOGLE_CLIENT_SECRET",
    "GOOGLE_USERINFO_URL", "AWS_S3_ENDPOINT_URL", "AWS_STORAGE_BUCKET_NAME", "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY", "EMAIL_HOST", "SENTRY_DSN",
}  # fmt: skip


def documented_variables() -> set[str]:
    """Names on `NAME=` lines, commented out (showing the default) or not."""
    text = (ROOT / ".env.example").read_text()
    return set(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=", text, re.MULTILINE))


def test_every_variable_the_code_reads_is_documented():
    assert variables_read_by_code() - documented_variables() == set()


def test_every_documented_variable_is_read_by_the_code_compose_or_uvicorn():
    # A name nothing reads would be a setting that silently does nothing.
    compose = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / "docker-compose.yml").read_text()))
    read_by_uvicorn = {"FORWARDED_ALLOW_IPS", "WEB_CONCURRENCY"}
    assert documented_variables() - variables_read_by_code() - compose - read_by_uvicorn == set()


def test_every_variable_of_the_spec_is_documented():
    assert SPEC_VARIABLES - documented_variables() == set()


def test_the_scan_finds_the_settings_variables():
    # Guards the AST scan itself: a broken scan would make the first test pass vacuously.
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "AWS_S3_ENDPOINT_URL", "PORT"} <= variables_read_by_code()


def test_copying_the_example_changes_no_default():
    assigned = re.findall(r"^(?!#)\s*([A-Z][A-Z0-9_]*)=(.+)$", (ROOT / ".env.example").read_text(), re.MULTILINE)
    assert assigned == []
