"""Demo experts get realistic weekly hours once, and keep their own afterwards."""

from scheduling.models import WeeklyRange
from scheduling.services import demo_availability_ensure
from tests.scheduling.conftest import set_week


def test_a_demo_expert_without_hours_gets_a_working_week(bob_profile):
    assert demo_availability_ensure(expert=bob_profile) is True
    days = set(WeeklyRange.objects.filter(expert=bob_profile).values_list("weekday", flat=True))
    assert len(days) >= 4


def test_running_it_again_changes_nothing(bob_profile):
    demo_availability_ensure(expert=bob_profile)
    before = list(WeeklyRange.objects.filter(expert=bob_profile).values_list("weekday", "start_minute", "end_minute"))
    assert demo_availability_ensure(expert=bob_profile) is False
    assert list(WeeklyRange.objects.filter(expert=bob_profile).values_list("weekday", "start_minute", "end_minute")) == before


def test_hours_the_expert_set_are_kept(bob_profile):
    set_week(bob_profile, (6, "07:00", "08:00"))
    assert demo_availability_ensure(expert=bob_profile) is False
    assert list(WeeklyRange.objects.filter(expert=bob_profile).values_list("weekday", flat=True)) == [6]
