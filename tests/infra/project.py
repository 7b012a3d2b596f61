"""Helpers for the cross-cutting tests: the project's own files and fresh Django processes."""

import ast
import functools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list"}
SKIPPED_FOLDERS = {".venv", "tests", "node_modules", "migrations", "var"}


def project_modules():
    for folder, subfolders, files in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS and not name.startswith(".")]
        yield from (Path(folder) / name for name in files if name.endswith(".py"))


@functools.cache
def variables_read_by_code() -> frozenset[str]:
    """Every variable name the project reads through ``procusmeet.env`` helpers."""
    names = set()
    for path in project_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ENV_HELPERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                names.add(node.args[0].value)
    return frozenset(names)


def clean_env(**overrides: str) -> dict[str, str]:
    """This process's environment without any project setting, plus ``overrides``.

    The test process itself runs with test settings (DJANGO_ENV=test, …); a child that
    checks another configuration must not inherit them.
    """
    # DJANGO_ALLOW_ASYNC_UNSAFE: the browser tests' conftest sets it for this process.
    dropped = variables_read_by_code() | {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in dropped}
    env["PYTHONPATH"] = str(ROOT)
    env.update(overrides)
    return env


def run_python(code: str, env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def run_manage(args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def django_json(code: str, env: dict[str, str]):
    """Run ``code`` after ``django.setup()`` in a fresh process; it sets ``result``.

    The child's stdout carries only the JSON of ``result`` (logs go to stderr).
    """
    script = f"import json, django\ndjango.setup()\n{code}\nprint(json.dumps(result))"
    completed = run_python(script, env)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    """Everything production requires, with harmless values (nothing is contacted)."""
    required = {
        "DJANGO_SETTINGS_MODULE": "procusmeet.settings",
        "DJANGO_ENV": "production",
        "DJANGO_SECRET_KEY": "production-test-secret-key-long-enough-for-the-check-0123456789",
        "ALLOWED_HOSTS": "procusmeet.example",
        "SITE_URL": "https://procusmeet.example",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/procusmeet",
        "PAYMENT_PROVIDER": "paystack",
        "PAYSTACK_SECRET_KEY": "sk_test_placeholder",
        "PROCUSMEET_VAR_DIR": str(tmp_path / "var"),
    }
    return clean_env(**{**required, **overrides})


# For scripts run by ``django_json`` on the embedded default: a fresh SQLite database with
# Bob, an expert in Lagos free 09:00–17:00 every day, and his 60-minute ``area``.
SQLITE_EXPERT_PRELUDE = """
from django.core.management import call_command
from accounts.models import Role
from accounts.services import user_create
from accounts.storefront.services_areas import area_create
from tests.bookings.helpers import lagos_at
from tests.scheduling.conftest import every_day, set_week, set_zone

call_command("migrate", verbosity=0)
expert = user_create(email="bob@example.com", full_name="Bob", role=Role.EXPERT)
profile = set_zone(expert, "Africa/Lagos")
set_week(profile, *every_day("09:00", "17:00"))
area = area_create(expert=profile, title="Career advice", duration_minutes=60, price=1_500_000)
"""


def sqlite_env(tmp_path: Path) -> dict[str, str]:
    """The embedded default's settings on a fresh SQLite file under ``tmp_path``."""
    return clean_env(
        DJANGO_SETTINGS_MODULE="procusmeet.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        PROCUSMEET_VAR_DIR=str(tmp_path / "var"),
    )
