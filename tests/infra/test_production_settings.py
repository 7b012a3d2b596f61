"""Production refuses to start half-configured, and passes Django's deployment checks when set up."""

import subprocess
import sys
from pathlib import Path

import pytest

from procusmeet.conf.core import DEVELOPMENT_SECRET_KEY
from tests.infra.project import ROOT, clean_env, production_env, run_manage

REFUSAL = "ProcusMeet refuses to start (DJANGO_ENV=production). Production settings are incomplete: "


@pytest.mark.parametrize(
    "command",
    [
        ["manage.py", "check"],
        # The servers of docker-compose.yml: each refuses with the same one line.
        ["-m", "uvicorn", "procusmeet.asgi:application", "--port", "0", "--lifespan", "off"],
        ["-m", "celery", "-A", "procusmeet", "worker"],
    ],
    ids=["manage", "uvicorn", "celery"],
)
def test_production_without_its_variables_refuses_to_start(tmp_path, command):
    env = clean_env(DJANGO_ENV="production", PROCUSMEET_VAR_DIR=str(tmp_path / "var"))
    completed = subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode != 0
    # An operator's message, not a developer's traceback.
    assert completed.stderr.strip().startswith(REFUSAL), completed.stderr
    assert "Traceback" not in completed.stderr
    for missing in ["DJANGO_SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL", "PAYMENT_PROVIDER=paystack"]:
        assert missing in completed.stderr


def test_an_unknown_environment_name_is_refused_in_one_line(tmp_path):
    env = clean_env(DJANGO_ENV="prod", PROCUSMEET_VAR_DIR=str(tmp_path / "var"))
    completed = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode != 0
    assert completed.stderr.strip() == (
        "ProcusMeet refuses to start: DJANGO_ENV='prod' must be development, production or test."
    )


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"DJANGO_SECRET_KEY": "too-short"}, "DJANGO_SECRET_KEY (50+ random characters)"),
        ({"PAYSTACK_SECRET_KEY": ""}, "PAYSTACK_SECRET_KEY"),
        ({"DJANGO_DEBUG": "true"}, "DJANGO_DEBUG must be off"),
        ({"PAYMENT_PROVIDER": "test"}, "PAYMENT_PROVIDER=paystack (the test provider moves no money)"),
        ({"PAYMENT_PROVIDER": "Paystack"}, "PAYMENT_PROVIDER=paystack (not 'Paystack')"),
        ({"DJANGO_SECRET_KEY": DEVELOPMENT_SECRET_KEY}, "DJANGO_SECRET_KEY (50+ random characters)"),
    ],
)
def test_production_names_the_one_setting_that_is_wrong(tmp_path, override, named):
    completed = run_manage(["check"], production_env(tmp_path, **override))
    assert completed.returncode != 0
    assert completed.stderr.strip() == f"{REFUSAL}{named}. See .env.example."


def test_make_check_deploy_is_clean():
    """The Makefile's own recipe, run with this interpreter: `check --deploy --fail-level WARNING`."""
    bin_dir = Path(sys.executable).parent
    completed = subprocess.run(
        ["make", "--no-print-directory", "-o", f"{bin_dir}/.installed", f"BIN={bin_dir}", "check-deploy"],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "System check identified no issues" in completed.stdout
