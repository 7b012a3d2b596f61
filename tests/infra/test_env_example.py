"""`.env.example` documents every variable the code reads and every one SPEC §12 names."""

import ast
import re

from tests.infra.project import ENV_HELPERS, ROOT, project_modules, variables_read_by_code

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
    compose = set(
        re.findall(r"\$\{([A-Z][A-Z0-9_]*)", (ROOT / "docker-compose.yml").read_text())
    )
    read_by_uvicorn = {"FORWARDED_ALLOW_IPS", "WEB_CONCURRENCY"}
    assert (
        documented_variables() - variables_read_by_code() - compose - read_by_uvicorn
        == set()
    )


def test_every_variable_of_the_spec_is_documented():
    assert SPEC_VARIABLES - documented_variables() == set()


def test_the_scan_finds_the_settings_variables():
    # Guards the AST scan itself: a broken scan would make the first test pass vacuously.
    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "AWS_S3_ENDPOINT_URL", "PORT"} <= variables_read_by_code()


def test_copying_the_example_changes_no_default():
    assigned = re.findall(r"^(?!#)\s*([A-Z][A-Z0-9_]*)=(.+)$", (ROOT / ".env.example").read_text(), re.MULTILINE)
    assert assigned == []


def shown_values() -> dict[str, str]:
    """The value after each `# NAME=` in `.env.example` (the default it documents)."""
    return dict(re.findall(r"^#? ?([A-Z][A-Z0-9_]*)=(.*)$", (ROOT / ".env.example").read_text(), re.MULTILINE))


def literal_defaults() -> dict[str, object]:
    """The default of every helper call whose default is a plain value (or arithmetic on
    plain values, like 2 * 1024 * 1024); defaults computed from other settings are left out."""
    defaults = {}
    for path in project_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ENV_HELPERS
                and len(node.args) > 1
                and isinstance(node.args[0], ast.Constant)
            ):
                continue
            default = node.args[1]
            if all(isinstance(part, (ast.Constant, ast.BinOp, ast.operator, ast.List)) for part in ast.walk(default)):
                # Only literals and arithmetic reach eval (checked just above).
                defaults[node.args[0].value] = eval(compile(ast.Expression(default), path, "eval"), {})
    return defaults


def as_shown(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return ",".join(value) if isinstance(value, list) else str(value)


def test_the_example_shows_the_code_s_defaults():
    # An empty default may be shown with an example value instead (REDIS_URL=redis://…).
    shown = shown_values()
    defaults = {name: value for name, value in literal_defaults().items() if value not in ("", [])}
    assert {"PLATFORM_FEE_PERCENT", "CALENDAR_FETCH_MAX_BYTES", "RATELIMIT_ENABLE"} <= set(defaults)
    wrong = {name: (shown[name], as_shown(value)) for name, value in defaults.items() if shown[name] != as_shown(value)}
    assert wrong == {}


COMPOSE_TEXT = (ROOT / "docker-compose.yml").read_text()


def test_every_variable_compose_reads_is_documented():
    # `$$NAME` is left for a container's shell, not read from .env.
    interpolated = set(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*)", COMPOSE_TEXT))
    assert {"POSTGRES_PASSWORD", "LIVEKIT_WEBHOOK_URL"} <= interpolated
    assert interpolated - documented_variables() == set()


def test_the_example_shows_compose_s_defaults_of_its_own_variables():
    # Variables only compose reads (the settings' ones may default differently there,
    # e.g. SITE_URL follows the host port): the example shows compose's default.
    compose_defaults = dict(re.findall(r"(?<!\$)\$\{([A-Z][A-Z0-9_]*):-([^}$]*)\}", COMPOSE_TEXT))
    own = {name: value for name, value in compose_defaults.items() if name not in variables_read_by_code()}
    assert {"POSTGRES_USER", "MINIO_ROOT_PASSWORD", "LIVEKIT_NODE_IP"} <= set(own)
    shown = shown_values()
    assert {name: value for name, value in own.items() if shown.get(name) != value} == {}
