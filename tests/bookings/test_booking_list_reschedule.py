""" "My bookings" flags an open reschedule proposal: the client gets a link to answer it,
the expert a note that the client has yet to; nothing once it is withdrawn or the call
has started."""

import datetime as dt

import pytest

from calls.models import Call
from scheduling.bookings.reschedules import reschedule_propose, reschedule_withdraw
from tests.bookings.helpers import paid_booking

pytestmark = pytest.mark.django_db(transaction=True)

ANSWER = "New time proposed — answer"
WAITING = "New time proposed — waiting for the client's answer"


def my_bookings(client, user) -> str:
    client.force_login(user)
    return client.get("/bookings/").content.decode()


@pytest.fixture
def proposed(alice_client, bob_expert, bob_hour, slot):
    booking = paid_booking(alice_client, bob_hour, slot)
    reschedule_propose(booking=booking, actor=bob_expert, start=slot + dt.timedelta(hours=3))
    return booking


def test_the_client_sees_a_link_to_answer_an_open_proposal(client, alice_client, proposed):
    page = my_bookings(client, alice_client)

    assert ANSWER in page
    assert f'href="/bookings/{proposed.pk}/#proposal-title"' in page


def test_the_expert_sees_the_proposal_awaits_the_client(client, bob_expert, proposed):
    page = my_bookings(client, bob_expert)

    assert WAITING in page
    assert ANSWER not in page


def test_other_bookings_of_the_client_carry_no_flag(client, alice_client, bob_hour, slot, proposed):
    paid_booking(alice_client, bob_hour, slot + dt.timedelta(hours=1))

    assert my_bookings(client, alice_client).count(ANSWER) == 1


def test_a_withdrawn_proposal_is_no_longer_flagged(client, alice_client, bob_expert, proposed):
    reschedule_withdraw(booking=proposed, actor=bob_expert)

    assert ANSWER not in my_bookings(client, alice_client)


def test_a_proposal_of_a_call_that_has_started_is_not_offered_for_answer(client, alice_client, bob_expert, proposed):
    # It can only expire now (the detail page says so); the list must not send the client there to answer.
    start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    Call.objects.filter(pk=proposed.call_id).update(scheduled_start=start, scheduled_end=start + dt.timedelta(hours=1))

    assert ANSWER not in my_bookings(client, alice_client)
    assert WAITING not in my_bookings(client, bob_expert)


def test_the_expert_dashboard_flags_the_proposal_too(client, bob_expert, proposed):
    client.force_login(bob_expert)

    page = client.get("/dashboard/").content.decode()

    assert page.count(WAITING) == 1
    assert ANSWER not in page
