"""Both participants press "End call" at the same moment in a call they are both in: the
escrow is released once, one of them gets 200 and the other 409 (real threads against
PostgreSQL)."""

import threading

import pytest
from django.db import connection

from calls.services import call_end
from payments.models import PaymentStatus
from procusmeet.api.errors import ApplicationError
from scheduling.models_booking import BookingEvent
from tests.calls.bookings import fresh

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_simultaneous_ends_complete_the_call_once(settings, bob_live_call, alice_client, bob_expert):
    settings.LIVEKIT_URL = ""
    barrier = threading.Barrier(2)
    outcomes = []

    def end_as(user):
        barrier.wait(timeout=10)
        try:
            call_end(call=bob_live_call.call, actor=user)
            outcomes.append("ended")
        except ApplicationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=end_as, args=(user,)) for user in (alice_client, bob_expert)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["ended", "illegal_transition"]
    assert fresh(bob_live_call).call.payment.status == PaymentStatus.SUCCEEDED
    assert BookingEvent.objects.filter(booking=bob_live_call, action="completed").count() == 1
