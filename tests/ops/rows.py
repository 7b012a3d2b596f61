"""A marketplace with at least one row of every model in admin, for the admin page walk.

The main story goes through the real services (a booking paid on the test checkout and
accepted, a review, a payout through the test provider); rows no service makes in a
test (allauth's and LiveKit's records, external calendars, the audit log) are written
directly, as the providers or jobs would have.
"""

import datetime as dt

from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group
from django.test import TestCase
from django.utils import timezone

from accounts.models import Category
from accounts.services_deletion import account_deletion_request
from accounts.tokens import session_start
from calendars.models import CalendarFeed, ExternalBusy, ExternalCalendar
from calls.models import CallNote, LiveKitWebhookEvent
from notifications.models import EmailPreferences
from ops.audit import audit_record
from payments.payout_services import payout_request
from reviews.services import review_create
from scheduling.models import DateOverride
from scheduling.models_booking import BookingStatus, RescheduleProposal
from tests.calls.bookings import confirmed, in_the_room
from tests.payouts.factories import bank_account, earning, seeded_booking

PASSWORD = "correct horse battery staple"


def _booking_story(alice, bob, area):
    booking = confirmed(alice, area)
    in_the_room(booking)
    RescheduleProposal.objects.create(
        booking=booking, proposed_start=booking.call.scheduled_start + dt.timedelta(days=1), proposed_by=bob
    )
    CallNote.objects.create(call=booking.call, author=bob, body="Follow up on the portfolio.")
    DateOverride.objects.create(expert=bob.expert_profile, date=timezone.localdate() + dt.timedelta(days=3), kind="unavailable")
    seeded_booking(expert=bob, client=alice, status=BookingStatus.CANCELLED, no_show=True)
    LiveKitWebhookEvent.objects.create(
        event_id="EV_admin_walk", event="room_finished", happened_at=timezone.now(), outcome="ignored"
    )


def _money_story(alice, bob, settings):
    completed = seeded_booking(expert=bob, client=alice, status=BookingStatus.COMPLETED)
    review_create(booking_id=completed.pk, client=alice, rating=5, text="Sharp and kind.")
    earning(bob, alice, 1_500_000)
    bank_account(bob)
    settings.PAYOUT_MINIMUM = 100_000
    with TestCase.captureOnCommitCallbacks(execute=True):
        payout_request(expert=bob, amount=1_000_000)


def _account_story(alice, bob, dave, staff):
    session_start(user=alice, user_agent="pytest", ip="127.0.0.1")
    dave.set_password(PASSWORD)
    dave.save(update_fields=["password"])
    account_deletion_request(user=dave, password=PASSWORD, reason="Moving on.")
    EmailPreferences.objects.get_or_create(user=alice)
    Category.objects.get_or_create(slug="careers", defaults={"name": "Careers"})
    app = SocialApp.objects.create(provider="google", name="Google", client_id="client-id.apps.googleusercontent.com")
    account = SocialAccount.objects.create(user=alice, provider="google", uid="1234567890")
    SocialToken.objects.create(app=app, account=account, token="ya29.token")
    Group.objects.create(name="Support")
    CalendarFeed.objects.create(user=bob, token="feed-token-for-the-admin-walk")
    calendar = ExternalCalendar.objects.create(user=bob, name="Work", url="https://calendar.example/bob.ics")
    ExternalBusy.objects.create(
        calendar=calendar, user=bob, start=timezone.now(), end=timezone.now() + dt.timedelta(hours=1)
    )
    audit_record(actor=staff, action="ops.manual_check", data={"note": "checked"})
    LogEntry.objects.log_actions(user_id=staff.pk, queryset=[alice], action_flag=CHANGE, change_message="Checked.")


def marketplace_rows(*, alice, bob, dave, staff, area, settings) -> None:
    _booking_story(alice, bob, area)
    _money_story(alice, bob, settings)
    _account_story(alice, bob, dave, staff)
