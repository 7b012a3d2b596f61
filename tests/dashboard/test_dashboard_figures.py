"""The expert dashboard's figures against a seeded history (times in Africa/Lagos)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from dashboard.selectors import expert_dashboard, month_starts, percent
from payments.models_payouts import PayoutStatus
from reviews.services import review_create
from scheduling.models_booking import BookingStatus
from tests.payouts.factories import area_of, earning, payout, seeded_booking
from tests.scheduling.conftest import set_zone

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 12, 0, tzinfo=dt.UTC)


def utc(*parts) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)


@pytest.fixture
def history(bob_expert, alice_client, dave_client):
    """Bob in Lagos: a year of calls in two services, two currencies, a few mishaps."""
    set_zone(bob_expert, "Africa/Lagos")
    advice, review = area_of(bob_expert), area_of(bob_expert, title="CV review")
    earning(bob_expert, alice_client, 1_000_000, released_at=utc(2026, 6, 3, 10), area=advice)  # June: 900_000
    earning(bob_expert, dave_client, 2_000_000, released_at=utc(2026, 6, 14, 10), area=review)  # June: 1_800_000
    # 23:30 UTC on 31 May is 00:30 on 1 June in Lagos: June's.
    earning(bob_expert, alice_client, 500_000, released_at=utc(2026, 5, 31, 23, 30), area=review)  # June: 450_000
    earning(bob_expert, alice_client, 1_500_000, released_at=utc(2026, 5, 10, 9), area=advice)  # May: 1_350_000
    earning(bob_expert, alice_client, 50_000, "GHS", released_at=utc(2026, 4, 2, 9), area=advice)  # April: 45_000 GHS
    earning(bob_expert, alice_client, 3_000_000, released_at=utc(2025, 5, 20, 9), area=advice)  # 13 months ago
    for status in (BookingStatus.DECLINED, BookingStatus.CANCELLED, BookingStatus.EXPIRED):
        seeded_booking(expert=bob_expert, client=alice_client, status=status)
    seeded_booking(expert=bob_expert, client=dave_client, status=BookingStatus.CANCELLED, no_show=True)
    request = seeded_booking(
        expert=bob_expert, client=dave_client, status=BookingStatus.PENDING, start=utc(2026, 6, 20, 9)
    )
    upcoming = seeded_booking(
        expert=bob_expert, client=alice_client, status=BookingStatus.CONFIRMED, start=utc(2026, 6, 16, 9)
    )
    seeded_booking(
        expert=bob_expert, client=alice_client, status=BookingStatus.CONFIRMED, start=utc(2026, 6, 1, 9)
    )  # past
    for client, booking_rating in ((alice_client, 5), (dave_client, 4)):
        booking = seeded_booking(expert=bob_expert, client=client, area=advice)  # two more completed, old
        review_create(booking_id=booking.pk, client=client, rating=booking_rating)
    payout(bob_expert, 500_000, PayoutStatus.PAID)
    payout(bob_expert, 100_000, PayoutStatus.FAILED)
    return {"request": request, "upcoming": upcoming}


def test_the_figures_match_the_history(bob_expert, history):
    data = expert_dashboard(expert=bob_expert, now=NOW)

    assert data.month_earnings == {"NGN": 900_000 + 1_800_000 + 450_000}
    assert [booking.pk for booking in data.requests] == [history["request"].pk]
    assert [booking.pk for booking in data.upcoming] == [history["upcoming"].pk]
    balances = {balance.currency: balance for balance in data.balances}
    # 8 NGN calls completed: the five above, the old one, two reviewed ones at ₦15,000 each.
    ngn_earned = 900_000 + 1_800_000 + 450_000 + 1_350_000 + 2_700_000 + 2 * 1_350_000
    assert (balances["NGN"].earned, balances["NGN"].available) == (ngn_earned, ngn_earned - 500_000)
    assert balances["GHS"].available == 45_000
    assert [p.status for p in data.payouts] == [PayoutStatus.FAILED, PayoutStatus.PAID]


def test_the_performance_figures(bob_expert, history):
    performance = expert_dashboard(expert=bob_expert, now=NOW).performance

    # 8 completed of 11 closed paid requests (declined, cancelled, no-show; the expired one was never paid).
    assert performance.completed == 8
    assert performance.completion_rate == percent(8, 11) == 73
    assert performance.no_show_rate == percent(1, 9) == 11
    assert (performance.rating.rating_average, performance.rating.rating_count) == (Decimal("4.50"), 2)


def test_revenue_by_month_covers_the_last_twelve_months_in_the_experts_zone(bob_expert, history):
    revenue = {series.currency: dict(series.months) for series in expert_dashboard(expert=bob_expert, now=NOW).revenue}

    assert list(revenue) == ["GHS", "NGN"]
    assert list(revenue["NGN"]) == month_starts(NOW, ZoneInfo("Africa/Lagos"))
    assert (min(revenue["NGN"]), max(revenue["NGN"])) == (dt.date(2025, 7, 1), dt.date(2026, 6, 1))
    assert revenue["NGN"][dt.date(2026, 6, 1)] == 3_150_000
    assert revenue["NGN"][dt.date(2026, 5, 1)] == 1_350_000
    assert revenue["NGN"][dt.date(2025, 7, 1)] == 0
    assert dt.date(2025, 5, 1) not in revenue["NGN"]
    assert revenue["GHS"][dt.date(2026, 4, 1)] == 45_000


def test_calls_per_service(bob_expert, history):
    assert expert_dashboard(expert=bob_expert, now=NOW).calls_per_area == [("Career advice", 6), ("CV review", 2)]


def test_an_expert_with_no_history_sees_empty_figures(carol_expert):
    data = expert_dashboard(expert=carol_expert, now=NOW)

    assert (data.month_earnings, data.balances, data.revenue, data.calls_per_area) == ({}, [], [], [])
    assert (data.performance.completion_rate, data.performance.no_show_rate, data.performance.rating) == (
        None,
        None,
        None,
    )


def test_the_dashboard_reads_in_a_fixed_number_of_queries(bob_expert, history, django_assert_num_queries):
    with django_assert_num_queries(12):  # however long the history (2 read open proposals)
        expert_dashboard(expert=bob_expert, now=NOW)
