"""Two adds of an external calendar at the same moment (a double-clicked form, two tabs):
real threads against PostgreSQL, held together right before they insert."""

import threading

import pytest
from django.db import DatabaseError, connection

from calendars import services
from calendars.models import ExternalCalendar
from procusmeet.api.errors import ApplicationError

pytestmark = pytest.mark.django_db(transaction=True)


def add_twice_at_once(monkeypatch, expert, urls: list[str]) -> list[str]:
    """Each add waits at the insert for the other; an add that cannot get there (it waits
    for the first one's lock) lets the first go on after a short wait."""
    barrier = threading.Barrier(len(urls))
    real_create = ExternalCalendar.objects.create

    def create(**fields):
        try:
            barrier.wait(timeout=2)
        except threading.BrokenBarrierError:
            pass
        return real_create(**fields)

    monkeypatch.setattr(ExternalCalendar.objects, "create", create)
    monkeypatch.setattr(services.transaction, "on_commit", lambda *args, **kwargs: None)  # no fetch
    outcomes = []

    def add(url):
        try:
            services.external_calendar_add(user=expert, name="Work", url=url)
            outcomes.append("added")
        except ApplicationError as error:
            outcomes.append(error.code)
        except DatabaseError as error:  # what a race would raise (IntegrityError): shown in the assertion
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=add, args=(url,)) for url in urls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_the_same_address_added_twice_at_once_is_connected_once(monkeypatch, bob_expert):
    outcomes = add_twice_at_once(monkeypatch, bob_expert, ["https://calendar.example/a.ics"] * 2)

    assert outcomes == ["added", "invalid"]
    assert ExternalCalendar.objects.filter(user=bob_expert).count() == 1


def test_the_last_free_place_goes_to_one_of_two_adds(monkeypatch, bob_expert):
    for n in range(services.MAX_CALENDARS_PER_EXPERT - 1):
        ExternalCalendar.objects.create(user=bob_expert, name=f"c{n}", url=f"https://calendar.example/{n}.ics")

    urls = ["https://calendar.example/x.ics", "https://calendar.example/y.ics"]
    outcomes = add_twice_at_once(monkeypatch, bob_expert, urls)

    assert len(outcomes) == 2 and outcomes[0] == "added" and outcomes[1] != "added"
    assert ExternalCalendar.objects.filter(user=bob_expert).count() == services.MAX_CALENDARS_PER_EXPERT
