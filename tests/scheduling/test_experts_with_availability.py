"""The directory's rule: an expert needs weekly hours or future extra hours."""

import datetime as dt

from accounts.models import ExpertProfile
from scheduling.models import DateOverride
from scheduling.selectors import experts_with_availability
from scheduling.services import date_override_create
from tests.scheduling.conftest import UTC, set_week


def listed(*profiles) -> set[int]:
    return set(experts_with_availability(ExpertProfile.objects.filter(pk__in=[p.pk for p in profiles])).values_list("pk", flat=True))


def test_weekly_hours_make_an_expert_available(bob_profile, carol_expert):
    set_week(bob_profile, (0, "09:00", "10:00"))
    assert listed(bob_profile, carol_expert.expert_profile) == {bob_profile.pk}


def test_future_extra_hours_make_an_expert_available(bob_profile, frozen_now):
    frozen_now(dt.datetime(2026, 10, 20, 12, tzinfo=UTC))
    date_override_create(expert=bob_profile, date=dt.date(2026, 10, 30), kind="available", start_minute=600, end_minute=660)
    assert listed(bob_profile) == {bob_profile.pk}


def test_time_off_alone_does_not(bob_profile, frozen_now):
    frozen_now(dt.datetime(2026, 10, 20, 12, tzinfo=UTC))
    date_override_create(expert=bob_profile, date=dt.date(2026, 10, 30), kind="unavailable")
    assert listed(bob_profile) == set()


def test_past_extra_hours_do_not(bob_profile, frozen_now):
    frozen_now(dt.datetime(2026, 10, 20, 12, tzinfo=UTC))
    date_override_create(expert=bob_profile, date=dt.date(2026, 10, 21), kind="available", start_minute=600, end_minute=660)
    frozen_now(dt.datetime(2026, 10, 25, 12, tzinfo=UTC))
    assert DateOverride.objects.exists()
    assert listed(bob_profile) == set()


def test_it_filters_any_queryset_in_one_query(bob_profile, carol_expert, django_assert_num_queries):
    set_week(bob_profile, (0, "09:00", "10:00"))
    with django_assert_num_queries(1):
        assert [p.pk for p in experts_with_availability()] == [bob_profile.pk]
