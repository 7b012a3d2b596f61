"""The no-show job: once a confirmed call's scheduled end plus the grace period has
passed and a participant never joined, the call becomes ``no_show`` with who was
absent, the booking is cancelled and the client refunded in full (SPEC §4: even when
only the client stayed away). A call both joined that nobody completed is completed.
Running it again has no second effect; a call someone is still in is never touched."""

import datetime as dt

import pytest
from django.utils import timezone

from calls.models import CallAttendance, CallNoShow, CallStatus
from calls.services import calls_mark_no_show
from calls.tasks import calls_mark_no_show_task
from payments.models import Payment, PaymentStatus, TestTransaction
from tests.calls.bookings import call_at, confirmed, fresh, in_the_room, paid

pytestmark = pytest.mark.django_db


@pytest.fixture
def over_call(bob_call):
    """Bob's call with alice ended 20 minutes ago (grace: 15 minutes)."""
    return call_at(bob_call, timezone.now() - dt.timedelta(minutes=80))


def attended(booking, user, *, sid: str, still_there: bool = False):
    start = booking.call.scheduled_start
    CallAttendance.objects.create(
        call=booking.call,
        user=user,
        participant_sid=sid,
        joined_at=start,
        left_at=None if still_there else start + dt.timedelta(minutes=15),
    )


def run_job(on_commit, **kwargs) -> int:
    with on_commit(execute=True):
        return calls_mark_no_show(**kwargs)


def test_a_call_nobody_joined_is_a_no_show_and_the_client_is_refunded_in_full(
    over_call, django_capture_on_commit_callbacks
):
    assert run_job(django_capture_on_commit_callbacks) == 1

    booking = fresh(over_call)
    assert (booking.status, booking.call.status) == ("cancelled", CallStatus.NO_SHOW)
    absent = CallNoShow.objects.get(call=booking.call)
    assert (absent.expert_absent, absent.client_absent) == (True, True)
    payment = booking.call.payment
    assert (payment.status, payment.platform_fee, payment.expert_share) == (PaymentStatus.REFUNDED, None, None)
    charge = TestTransaction.objects.get(reference=payment.reference)
    assert (charge.status, charge.refunded_amount) == ("reversed", 1_500_000)
    assert list(booking.events.order_by("pk").values_list("action", flat=True))[-2:] == ["no_show", "refunded"]
    assert booking.events.get(action="no_show").data == {"absent": ["expert", "client"]}


def test_the_expert_alone_in_the_room_still_refunds_the_client(
    over_call, bob_expert, django_capture_on_commit_callbacks
):
    attended(over_call, bob_expert, sid="PA_E")

    assert run_job(django_capture_on_commit_callbacks) == 1

    absent = CallNoShow.objects.get(call=over_call.call)
    assert (absent.expert_absent, absent.client_absent) == (False, True)
    assert fresh(over_call).call.payment.status == PaymentStatus.REFUNDED


def test_the_client_alone_in_the_room_records_the_expert_absent(
    over_call, alice_client, django_capture_on_commit_callbacks
):
    attended(over_call, alice_client, sid="PA_C")

    run_job(django_capture_on_commit_callbacks)

    absent = CallNoShow.objects.get(call=over_call.call)
    assert (absent.expert_absent, absent.client_absent) == (True, False)


def test_running_the_job_twice_has_one_effect(over_call, django_capture_on_commit_callbacks):
    first = run_job(django_capture_on_commit_callbacks)
    refunded_at = fresh(over_call).call.payment.refunded_at

    second = run_job(django_capture_on_commit_callbacks)

    assert (first, second) == (1, 0)
    assert CallNoShow.objects.count() == 1
    assert fresh(over_call).call.payment.refunded_at == refunded_at
    assert fresh(over_call).events.filter(action="refunded").count() == 1


def test_the_celery_task_runs_the_same_job(over_call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = calls_mark_no_show_task.delay()
        assert result.successful() and result.result == 1
    assert fresh(over_call).call.status == CallStatus.NO_SHOW


def test_within_the_grace_period_nothing_happens(bob_call, django_capture_on_commit_callbacks):
    call_at(bob_call, timezone.now() - dt.timedelta(minutes=74))  # ended 14 minutes ago

    assert run_job(django_capture_on_commit_callbacks) == 0
    assert fresh(bob_call).call.payment.status == PaymentStatus.HELD


def test_the_grace_period_is_a_setting(settings, bob_call, django_capture_on_commit_callbacks):
    settings.CALL_NO_SHOW_GRACE_MINUTES = 5
    call_at(bob_call, timezone.now() - dt.timedelta(minutes=66))

    assert run_job(django_capture_on_commit_callbacks) == 1


def test_a_call_someone_is_still_in_is_never_touched(over_call, bob_expert, django_capture_on_commit_callbacks):
    attended(over_call, bob_expert, sid="PA_E", still_there=True)

    assert run_job(django_capture_on_commit_callbacks) == 0
    booking = fresh(over_call)
    assert (booking.status, booking.call.status, booking.call.payment.status) == ("confirmed", "scheduled", "held")


def test_a_call_both_attended_that_nobody_ended_is_completed_not_a_no_show(
    settings, over_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    settings.LIVEKIT_URL = ""
    in_the_room(over_call)
    CallAttendance.objects.update(left_at=over_call.call.scheduled_start + dt.timedelta(minutes=50))

    assert run_job(django_capture_on_commit_callbacks) == 1

    assert not CallNoShow.objects.exists()
    booking = fresh(over_call)
    assert (booking.status, booking.call.status, booking.call.payment.status) == ("completed", "completed", "succeeded")
    assert booking.events.get(action="completed").data["by"] == "system"
    assert run_job(django_capture_on_commit_callbacks) == 0


def test_completed_and_unconfirmed_calls_are_left_alone(
    api_as, settings, over_call, alice_client, dave_client, bob_hour, carol_hour, django_capture_on_commit_callbacks
):
    settings.LIVEKIT_URL = ""
    in_the_room(call_at(over_call, timezone.now() - dt.timedelta(minutes=30)))
    assert api_as(alice_client).post(f"/api/v1/calls/{over_call.call_id}/end").status_code == 200
    call_at(over_call, timezone.now() - dt.timedelta(hours=3))
    long_ago = timezone.now() - dt.timedelta(hours=5)
    unanswered = call_at(paid(dave_client, bob_hour, day=4), long_ago)
    missed = confirmed(dave_client, carol_hour, start=long_ago - dt.timedelta(hours=2), day=3)

    assert run_job(django_capture_on_commit_callbacks) == 1
    assert fresh(over_call).status == "completed"
    assert (fresh(unanswered).status, fresh(unanswered).call.status) == ("pending", CallStatus.SCHEDULED)
    assert fresh(missed).call.status == CallStatus.NO_SHOW


def test_the_api_and_the_booking_page_say_who_was_absent(
    client, api_as, over_call, alice_client, bob_expert, django_capture_on_commit_callbacks
):
    attended(over_call, bob_expert, sid="PA_E")
    run_job(django_capture_on_commit_callbacks)

    body = api_as(alice_client).get(f"/api/v1/calls/{over_call.call_id}").json()
    assert (body["status"], body["absent"]) == ("no_show", ["client"])
    client.force_login(alice_client)
    page = client.get(f"/bookings/{over_call.pk}/").content.decode()
    assert "The client did not join this call. The client is refunded in full." in page
    assert "Never joined" in page


def test_a_call_the_job_cannot_settle_is_logged_and_does_not_stop_the_others(
    settings, over_call, dave_client, carol_hour, caplog, django_capture_on_commit_callbacks
):
    settings.LIVEKIT_URL = ""
    in_the_room(over_call)
    CallAttendance.objects.update(left_at=over_call.call.scheduled_start + dt.timedelta(minutes=50))
    Payment.objects.filter(call=over_call.call).update(status=PaymentStatus.FAILED)  # cannot be released
    missed = confirmed(dave_client, carol_hour, start=timezone.now() - dt.timedelta(hours=3), day=3)

    assert run_job(django_capture_on_commit_callbacks) == 1

    assert fresh(missed).call.status == CallStatus.NO_SHOW
    stuck = fresh(over_call)
    assert (stuck.status, stuck.call.status, stuck.call.payment.status) == ("confirmed", "in_progress", "failed")
    assert f"call not settled booking={over_call.pk} code=payment_state_conflict" in caplog.text


def test_a_call_someone_is_in_does_not_take_the_batch_from_the_others(
    monkeypatch, over_call, bob_expert, dave_client, carol_hour, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("calls.services.NO_SHOW_BATCH", 1)
    # The call bob is still in ended first, so it would come first in the batch.
    call_at(over_call, timezone.now() - dt.timedelta(hours=3))
    attended(over_call, bob_expert, sid="PA_E", still_there=True)
    missed = confirmed(dave_client, carol_hour, start=timezone.now() - dt.timedelta(minutes=90), day=3)

    assert run_job(django_capture_on_commit_callbacks) == 1

    assert fresh(missed).call.status == CallStatus.NO_SHOW
    assert fresh(over_call).call.status == CallStatus.SCHEDULED


def test_a_stay_left_open_hours_after_the_end_no_longer_blocks_the_call(
    over_call, bob_expert, django_capture_on_commit_callbacks
):
    # LiveKit's participant_left was lost: bob's stay never closed, alice never came.
    call_at(over_call, timezone.now() - dt.timedelta(hours=6))
    attended(over_call, bob_expert, sid="PA_E", still_there=True)

    assert run_job(django_capture_on_commit_callbacks) == 1

    booking = fresh(over_call)
    assert booking.call.status == CallStatus.NO_SHOW
    assert CallNoShow.objects.get(call=booking.call).client_absent


def test_calls_the_job_cannot_settle_do_not_use_up_the_batch(
    monkeypatch, settings, over_call, dave_client, carol_hour, django_capture_on_commit_callbacks
):
    monkeypatch.setattr("calls.services.NO_SHOW_BATCH", 1)
    settings.LIVEKIT_URL = ""
    # The oldest due call cannot be released (its payment failed): logged, then skipped.
    call_at(over_call, timezone.now() - dt.timedelta(hours=3))
    in_the_room(over_call)
    CallAttendance.objects.update(left_at=over_call.call.scheduled_start + dt.timedelta(minutes=50))
    Payment.objects.filter(call=over_call.call).update(status=PaymentStatus.FAILED)
    missed = confirmed(dave_client, carol_hour, start=timezone.now() - dt.timedelta(minutes=90), day=3)

    assert run_job(django_capture_on_commit_callbacks) == 1

    assert fresh(missed).call.status == CallStatus.NO_SHOW
