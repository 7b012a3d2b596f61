"""A web process with a real, lagging read replica (SPEC §11).

The "replica" is a copy of the test database taken before carol became an expert, so
it lags exactly as a replica does: what it serves shows where each read went. The
directory reads it; carol, once she has written something, reads the primary and finds
herself at once; everyone else keeps reading the replica.
"""

import pytest
import requests
from django.db import connection, connections
from psycopg import sql

from accounts.models import ExpertProfile, Role
from accounts.services import user_profile_update
from accounts.storefront.services_areas import area_create
from scheduling.services import RangeSpec, weekly_ranges_replace
from tests.conftest import PASSWORD, make_user
from tests.hardening.conftest import bearer
from tests.hardening.processes import Cluster, csrf_token, web_process
from tests.notifications.servers import wait_until

pytestmark = pytest.mark.django_db(transaction=True)


def _admin_connection():
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=settings["USER"] or "postgres",
        password=settings["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


def _try_copy(source: str, target: str) -> bool:
    try:
        with _admin_connection() as admin:
            admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(target), sql.Identifier(source)))
        return True
    except Exception as error:  # another session still on the template: retry
        if "being accessed by other users" not in str(error):
            raise
        return False


def _drop(name: str) -> None:
    with _admin_connection() as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


@pytest.fixture
def snapshot(django_db_blocker):
    """``snapshot()`` copies the test database as it is now and returns the copy's URL."""
    source = connection.settings_dict["NAME"]
    target = f"{source}_replica"[:63]

    def take() -> str:
        _drop(target)
        connections.close_all()  # CREATE DATABASE … TEMPLATE needs the source to itself
        wait_until(lambda: _try_copy(source, target), timeout=20, interval=0.2, message="the database copy")
        settings = connection.settings_dict
        return f"postgres://{settings['USER'] or 'postgres'}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{target}"

    yield take
    with django_db_blocker.unblock():
        _drop(target)


def listed_expert(password_hash, email: str, name: str):
    user = make_user(password_hash, email=email, full_name=name, role=Role.EXPERT)
    user_profile_update(user=user, changes={"timezone": "UTC"})
    profile = ExpertProfile.objects.get(user=user)
    weekly_ranges_replace(expert=profile, ranges=[RangeSpec(day, 540, 1020) for day in range(7)])
    area_create(expert=profile, title="Advice", duration_minutes=60, price=1_000_000)
    return user


def directory_names(site: str, **headers) -> set[str]:
    answer = requests.get(f"{site}/api/v1/experts", headers=headers, timeout=10)
    assert answer.status_code == 200, answer.text
    return {expert["display_name"] for expert in answer.json()["results"]}


def test_the_directory_reads_the_replica_until_the_visitor_writes(password_hash, tmp_path, snapshot, django_db_blocker):
    listed_expert(password_hash, "bob@example.com", "Bob Expert")
    replica_url = snapshot()
    carol = listed_expert(password_hash, "carol@example.com", "Carol Expert")  # only on the primary

    cluster = Cluster(tmp_path, RATELIMIT_ENABLE="false", DATABASE_REPLICA_URL=replica_url)
    with django_db_blocker.unblock(), web_process(cluster) as site:
        assert directory_names(site) == {"Bob Expert"}  # served by the lagging replica
        as_carol = bearer(carol)
        assert directory_names(site, **as_carol) == {"Bob Expert"}

        wrote = requests.patch(f"{site}/api/v1/me", json={"headline": "Now on ProcusMeet"}, headers=as_carol, timeout=10)

        assert wrote.status_code == 200, wrote.text
        assert directory_names(site, **as_carol) == {"Bob Expert", "Carol Expert"}  # her reads: the primary
        assert directory_names(site) == {"Bob Expert"}  # everyone else: still the replica
        assert "Carol Expert" in _directory_page_after_signing_in(site, carol.email)
        assert "Carol Expert" not in requests.get(f"{site}/experts/", timeout=10).text


def _directory_page_after_signing_in(site: str, email: str) -> str:
    browser = requests.Session()
    token = csrf_token(browser, f"{site}/accounts/login/")
    signed_in = browser.post(
        f"{site}/accounts/login/",
        data={"login": email, "password": PASSWORD, "csrfmiddlewaretoken": token},
        allow_redirects=False,
        timeout=10,
    )
    assert signed_in.status_code == 302, signed_in.text
    page = browser.get(f"{site}/experts/", timeout=10)
    assert page.status_code == 200
    return page.text
