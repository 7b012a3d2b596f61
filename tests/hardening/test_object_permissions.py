"""Who gets what on every endpoint about one object (SPEC §9: object-level permissions).

Alice (client) booked Bob (expert). Dave is another client, Carol another expert, and
anonymous callers have no token. Each row names an endpoint and the answer each of
them gets: the people who must be refused ask first, the person allowed asks last and
must succeed, which also proves the refused requests changed nothing (a transition
already applied would now answer 409). Refusals are 401 (no token), 403 (a participant
asking for the other side's action, or the wrong role) or 404 (strangers never learn
the object exists).
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import pytest
from django.test import TestCase
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.tokens import session_start
from calendars.services import external_calendar_add
from calls.services_notes import note_create
from notifications.models import Notification
from reviews.services import review_create
from scheduling.bookings.reschedules import reschedule_propose
from scheduling.models import DateOverride
from scheduling.services import date_override_create
from tests.calls.bookings import confirmed, live, paid
from tests.payouts.factories import payout, seeded_booking

pytestmark = pytest.mark.django_db
PEOPLE = ("anonymous", "dave", "carol", "alice", "bob")


class World:
    """Alice's objects with Bob, made only when a row asks for them."""

    def __init__(self, people, area):
        self.people, self.area = people, area
        self.alice, self.bob = people["alice"], people["bob"]

    @cached_property
    def pending(self):
        return paid(self.alice, self.area, day=2)

    @cached_property
    def confirmed(self):
        return confirmed(self.alice, self.area, day=3, start=_grid(days=3))

    @cached_property
    def proposed(self):
        booking = confirmed(self.alice, self.area, day=4, start=_grid(days=4))
        reschedule_propose(booking=booking, actor=self.bob, start=_grid(days=5))
        return booking

    @cached_property
    def live(self):
        """Confirmed, started five minutes ago with both in the room: joinable, endable, notes open."""
        return live(confirmed(self.alice, self.area, day=6))

    @cached_property
    def note(self):
        return note_create(call=self.live.call, actor=self.bob, body="Follow up on the pitch deck.")

    @cached_property
    def completed(self):
        return seeded_booking(expert=self.bob, client=self.alice, area=self.area)

    @cached_property
    def reviewed(self):
        booking = seeded_booking(expert=self.bob, client=self.alice, area=self.area)
        review_create(booking_id=booking.pk, client=self.alice, rating=5, text="Clear and kind.")
        return booking

    @cached_property
    def notification(self):
        self.pending  # noqa: B018  (paying notifies alice)
        return Notification.objects.filter(user=self.alice).latest("pk")

    @cached_property
    def session(self):
        session_start(user=self.alice, user_agent="laptop", ip="127.0.0.1")
        return self.alice.refresh_sessions.latest("pk")

    @cached_property
    def override(self) -> DateOverride:
        day = timezone.now().date() + dt.timedelta(days=20)
        return date_override_create(expert=self.bob.expert_profile, date=day, kind="unavailable")

    @cached_property
    def calendar(self):
        return external_calendar_add(user=self.bob, name="Work", url="https://calendar.example.com/bob.ics")

    @cached_property
    def payout(self):
        return payout(self.bob, 1_000_000)


def _grid(*, days: int) -> dt.datetime:
    """A start on bob's 15-minute grid, ``days`` ahead (UTC, bob is open all day)."""
    moment = timezone.now() + dt.timedelta(days=days)
    return moment.replace(minute=0, second=0, microsecond=0)


@dataclass
class Row:
    name: str
    method: str
    path: object  # World -> str
    answers: dict[str, int]
    body: dict = field(default_factory=dict)


STRANGERS_404 = {"anonymous": 401, "dave": 404, "carol": 404}
EXPERT_ONLY = {"anonymous": 401, "dave": 403, "alice": 403, "carol": 404}

ROWS = [
    Row("booking read", "get", lambda w: f"/api/v1/bookings/{w.pending.pk}", {**STRANGERS_404, "alice": 200, "bob": 200}),
    Row("booking accept", "post", lambda w: f"/api/v1/bookings/{w.pending.pk}/accept", {**STRANGERS_404, "alice": 403, "bob": 200}),
    Row("booking decline", "post", lambda w: f"/api/v1/bookings/{w.pending.pk}/decline", {**STRANGERS_404, "alice": 403, "bob": 200}),
    Row("booking cancel by the client", "post", lambda w: f"/api/v1/bookings/{w.confirmed.pk}/cancel", {**STRANGERS_404, "alice": 200}),
    Row("booking cancel by the expert", "post", lambda w: f"/api/v1/bookings/{w.confirmed.pk}/cancel", {**STRANGERS_404, "bob": 200}),
    Row(
        "reschedule propose", "post", lambda w: f"/api/v1/bookings/{w.confirmed.pk}/reschedule",
        {**STRANGERS_404, "alice": 403, "bob": 200}, body={"start": _grid(days=8).isoformat()},
    ),
    Row("reschedule accept", "post", lambda w: f"/api/v1/bookings/{w.proposed.pk}/reschedule/accept", {**STRANGERS_404, "bob": 403, "alice": 200}),
    Row("reschedule decline", "post", lambda w: f"/api/v1/bookings/{w.proposed.pk}/reschedule/decline", {**STRANGERS_404, "bob": 403, "alice": 200}),
    Row("reschedule withdraw", "post", lambda w: f"/api/v1/bookings/{w.proposed.pk}/reschedule/withdraw", {**STRANGERS_404, "alice": 403, "bob": 200}),
    Row("booking invite", "get", lambda w: f"/api/v1/bookings/{w.confirmed.pk}/calendar.ics", {**STRANGERS_404, "alice": 200, "bob": 200}),
    Row("call read", "get", lambda w: f"/api/v1/calls/{w.live.call.pk}", {**STRANGERS_404, "alice": 200, "bob": 200}),
    Row("call token", "post", lambda w: f"/api/v1/calls/{w.live.call.pk}/token", {**STRANGERS_404, "alice": 200, "bob": 200}),
    Row("call end", "post", lambda w: f"/api/v1/calls/{w.live.call.pk}/end", {**STRANGERS_404, "alice": 200}),
    Row("notes list", "get", lambda w: f"/api/v1/calls/{w.note.call_id}/notes", {**STRANGERS_404, "alice": 404, "bob": 200}),
    Row(
        "note create", "post", lambda w: f"/api/v1/calls/{w.live.call.pk}/notes",
        {**STRANGERS_404, "alice": 404, "bob": 201}, body={"body": "Send the template."},
    ),
    Row("note read", "get", lambda w: f"/api/v1/calls/{w.note.call_id}/notes/{w.note.pk}", {**STRANGERS_404, "alice": 404, "bob": 200}),
    Row(
        "note edit", "patch", lambda w: f"/api/v1/calls/{w.note.call_id}/notes/{w.note.pk}",
        {**STRANGERS_404, "alice": 404, "bob": 200}, body={"body": "Edited."},
    ),
    Row("note delete", "delete", lambda w: f"/api/v1/calls/{w.note.call_id}/notes/{w.note.pk}", {**STRANGERS_404, "alice": 404, "bob": 204}),
    Row("notification read", "post", lambda w: f"/api/v1/notifications/{w.notification.pk}/read", {**STRANGERS_404, "bob": 404, "alice": 200}),
    Row("session revoke", "delete", lambda w: f"/api/v1/auth/sessions/{w.session.pk}", {**STRANGERS_404, "bob": 404, "alice": 204}),
    Row("override delete", "delete", lambda w: f"/api/v1/expert/overrides/{w.override.pk}", {**EXPERT_ONLY, "bob": 204}),
    Row(
        "area edit", "patch", lambda w: f"/api/v1/expert/areas/{w.area.pk}", {**EXPERT_ONLY, "bob": 200},
        body={"title": "Career coaching"},
    ),
    Row("area delete", "delete", lambda w: f"/api/v1/expert/areas/{w.area.pk}", {**EXPERT_ONLY, "bob": 204}),
    Row("external calendar delete", "delete", lambda w: f"/api/v1/expert/calendars/{w.calendar.pk}", {**EXPERT_ONLY, "bob": 204}),
    Row("payout read", "get", lambda w: f"/api/v1/payouts/{w.payout.pk}", {**EXPERT_ONLY, "bob": 200}),
    Row(
        "payment receipt", "get", lambda w: f"/api/v1/payments/{w.pending.call.payment.pk}/receipt",
        {**STRANGERS_404, "carol": 403, "bob": 403, "alice": 200},
    ),
    Row(
        "payment verify", "post", lambda w: f"/api/v1/payments/{w.pending.call.payment.pk}/verify",
        {**STRANGERS_404, "carol": 403, "bob": 403, "alice": 200},
    ),
    Row("review read", "get", lambda w: f"/api/v1/bookings/{w.reviewed.pk}/review", {**STRANGERS_404, "alice": 200, "bob": 200}),
    Row(
        "review write", "post", lambda w: f"/api/v1/bookings/{w.completed.pk}/review",
        {**STRANGERS_404, "bob": 403, "alice": 201}, body={"rating": 4, "text": "Useful."},
    ),
    Row(
        "review edit", "patch", lambda w: f"/api/v1/bookings/{w.reviewed.pk}/review",
        {**STRANGERS_404, "bob": 403, "alice": 200}, body={"rating": 3},
    ),
    Row(
        "review reply", "post", lambda w: f"/api/v1/bookings/{w.reviewed.pk}/review/reply",
        {**STRANGERS_404, "alice": 403, "bob": 201}, body={"text": "Thank you!"},
    ),
]  # fmt: skip


@pytest.fixture
def people(alice_client, bob_expert, carol_expert, dave_client):
    return {"alice": alice_client, "bob": bob_expert, "carol": carol_expert, "dave": dave_client}


@pytest.fixture
def world(people, bob_hour, settings):
    settings.RATELIMIT_ENABLE = False
    settings.LIVEKIT_URL = "ws://127.0.0.1:9"  # configured; the room service is not called here
    settings.LIVEKIT_API_KEY = "idor"
    settings.LIVEKIT_API_SECRET = "idor-secret-long-enough-for-livekit-0123456789"
    return World(people, bob_hour)


def ask(world: World, row: Row, person: str, api_as):
    client = APIClient() if person == "anonymous" else api_as(world.people[person])
    with TestCase.captureOnCommitCallbacks(execute=True):
        return getattr(client, row.method)(row.path(world), row.body or None, format="json")


@pytest.mark.parametrize("row", ROWS, ids=[row.name for row in ROWS])
def test_each_person_gets_only_what_is_theirs(row, world, api_as):
    row.path(world)  # make the object before anyone asks
    refused_first = sorted(row.answers, key=lambda person: (row.answers[person] < 400, PEOPLE.index(person)))
    got = {person: ask(world, row, person, api_as).status_code for person in refused_first}
    assert got == row.answers


def test_payment_lists_show_only_the_callers_own_payments(world, api_as):
    reference = world.pending.call.payment.reference

    def references(person):
        answer = api_as(world.people[person]).get("/api/v1/payments")
        assert answer.status_code == 200
        return {payment["reference"] for payment in answer.json()["results"]}

    assert reference in references("alice")
    assert reference not in references("dave") | references("carol")
    assert APIClient().get("/api/v1/payments").status_code == 401


def test_booking_lists_show_only_the_callers_own_bookings(world, api_as):
    booking_id = world.pending.pk

    def ids(person):
        return {booking["id"] for booking in api_as(world.people[person]).get("/api/v1/bookings").json()["results"]}

    assert booking_id in ids("alice") and booking_id in ids("bob")
    assert booking_id not in ids("dave") | ids("carol")
