"""A web process (uvicorn, ASGI) does not pile up PostgreSQL connections.

Under ASGI each request runs its synchronous code in a thread of its own; a connection
kept open for reuse (Django's ``CONN_MAX_AGE``) stays behind with that thread, so every
request left one more idle connection until PostgreSQL refused new ones ("too many
clients") and pages answered 503 under load. With the defaults, each request closes
what it opened."""

import requests
from django.db import connection

from tests.hardening.processes import Cluster, web_process

REQUESTS = 30


def _connections_to_this_database() -> int:
    """Open connections to the test database, other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_requests_leave_no_database_connection_behind(tmp_path, transactional_db):
    with web_process(Cluster(tmp_path)) as site:
        before = _connections_to_this_database()
        for _ in range(REQUESTS):
            assert requests.get(f"{site}/experts/", timeout=30).status_code == 200
        after = _connections_to_this_database()

    assert after - before <= 1
