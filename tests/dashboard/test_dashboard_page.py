"""``/dashboard/``: experts only; the figures, the lists and the SVG chart on one page."""

import datetime as dt
import re

import pytest

from accounts.models import ExpertProfile
from payments.models_payouts import PayoutStatus
from scheduling.models_booking import BookingStatus
from tests.payouts.factories import earning, payout, seeded_booking
from tests.storefront.helpers import listed_expert

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


def _history(expert, client, calls: int, *, days_ahead: int = 1):
    for day in range(calls):
        earning(expert, client, 1_000_000, released_at=NOW - dt.timedelta(days=20 * day))
    ahead = dt.timedelta(days=days_ahead)
    seeded_booking(expert=expert, client=client, status=BookingStatus.CONFIRMED, start=NOW + ahead)
    seeded_booking(expert=expert, client=client, status=BookingStatus.PENDING, start=NOW + ahead + dt.timedelta(days=1))
    payout(expert, 100_000, PayoutStatus.PAID)


def test_the_dashboard_shows_figures_lists_and_a_server_rendered_chart(client, bob_expert, alice_client, frozen_now):
    frozen_now(NOW)
    _history(bob_expert, alice_client, calls=3)
    client.force_login(bob_expert)

    page = client.get("/dashboard/").content.decode()

    assert '<svg class="revenue-chart__svg"' in page and 'role="img"' in page
    bars = re.findall(r'<rect class="revenue-chart__bar"[^>]*data-value="(\d+)"', page)
    assert len(bars) == 12 and bars[-1] == "900000" and bars.count("0") == 10
    assert "Earned this month" in page and "₦9,000" in page
    assert "Requests awaiting your answer" in page and "Upcoming calls" in page
    assert page.count('data-booking="') == 2
    assert "<script>" not in page and 'style="' not in page


def test_the_dashboard_is_for_experts_only(client, alice_client):
    assert client.get("/dashboard/").status_code == 302
    client.force_login(alice_client)
    assert client.get("/dashboard/").status_code == 403


def _queries(client, captured) -> int:
    with captured() as context:
        assert client.get("/dashboard/").status_code == 200
    return len(context)


def test_the_page_costs_the_same_queries_with_a_longer_history(client, bob_expert, alice_client, frozen_now):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    frozen_now(NOW)
    _history(bob_expert, alice_client, calls=1)
    client.force_login(bob_expert)
    short = _queries(client, lambda: CaptureQueriesContext(connection))

    _history(bob_expert, alice_client, calls=15, days_ahead=5)
    assert _queries(client, lambda: CaptureQueriesContext(connection)) == short


def test_a_new_expert_lands_on_the_dashboard_with_the_listing_checklist(client, bob_expert):
    client.force_login(bob_expert)

    response = client.get("/home/", follow=True)

    assert response.redirect_chain == [("/dashboard/", 302)]
    page = response.content.decode()
    assert "Get listed in the directory" in page and "0 of 4 done" in page
    assert "Offer at least one service" in page and "Set your weekly availability" in page


def test_a_listed_expert_with_a_photo_sees_no_checklist(client):
    profile = listed_expert("Ada Obi", headline="Visa coach", bio="Ten years of interviews.")
    ExpertProfile.objects.filter(pk=profile.pk).update(photo="experts/ada.jpg")
    client.force_login(profile.user)

    page = client.get("/dashboard/").content.decode()

    assert "Requests awaiting your answer" in page
    assert "Get listed in the directory" not in page
