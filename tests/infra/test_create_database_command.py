"""`make run` with DATABASE_URL naming a missing PostgreSQL database creates it first."""

import uuid

import psycopg
import pytest
from django.conf import settings

from tests.infra.project import clean_env, run_manage


@pytest.fixture
def missing_database():
    server = settings.DATABASES["default"]
    name = f"procusmeet_create_{uuid.uuid4().hex[:12]}"
    dsn = {
        "host": server["HOST"],
        "port": server["PORT"] or 5432,
        "user": server["USER"],
        "password": server["PASSWORD"],
    }
    yield f"postgres://{server['USER']}:{server['PASSWORD']}@{server['HOST']}:{dsn['port']}/{name}", name
    with psycopg.connect(dbname="postgres", autocommit=True, **dsn) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_a_missing_database_is_created_once(missing_database):
    url, name = missing_database
    env = clean_env(DJANGO_SETTINGS_MODULE="procusmeet.settings", DATABASE_URL=url)
    first, second = run_manage(["create_database"], env), run_manage(["create_database"], env)
    assert first.returncode == 0 and f"Created PostgreSQL database {name}" in first.stdout
    assert second.returncode == 0 and second.stdout == ""


def test_a_server_that_does_not_answer_is_one_line_naming_it_not_a_traceback():
    env = clean_env(DJANGO_SETTINGS_MODULE="procusmeet.settings", DATABASE_URL="postgres://postgres@127.0.0.1:9/procusmeet")
    answer = run_manage(["create_database"], env)
    assert answer.returncode == 1
    assert "Traceback" not in answer.stderr
    assert "CommandError: PostgreSQL at 127.0.0.1:9 (DATABASE_URL) does not answer: " in answer.stderr
