"""The storefront's questions to scheduling about availability, in one place.

SPEC §2 hides experts without availability from the directory, offers an "available
this week" filter and shows each expert's next free slot; the onboarding checklist has
an availability step. Scheduling owns what "available" and "free" mean.
"""

import datetime as dt

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import ExpertArea, ExpertProfile
from scheduling.next_slots import WEEK, next_free_starts
from scheduling.selectors import experts_with_availability, experts_with_hours_within


def experts_available(profiles: QuerySet[ExpertProfile]) -> QuerySet[ExpertProfile]:
    """Only the experts of ``profiles`` that have any availability."""
    return experts_with_availability(profiles)


def expert_has_availability(profile: ExpertProfile) -> bool:
    return experts_with_availability(ExpertProfile.objects.filter(pk=profile.pk)).exists()


def availability_page_url() -> str:
    return reverse("scheduling:editor")


def week_end(now: dt.datetime) -> dt.datetime:
    """The end of "this week" as the directory means it: the next 7 days from now."""
    return now + WEEK


def experts_maybe_free_this_week(profiles: QuerySet[ExpertProfile], *, now: dt.datetime) -> QuerySet[ExpertProfile]:
    """A cheap superset of the experts free this week; ``experts_next_slot_attach`` then
    decides exactly for the ones shown."""
    return experts_with_hours_within(profiles, until=week_end(now), now=now)


def experts_next_slot_attach(profiles: list[ExpertProfile], *, now: dt.datetime) -> None:
    """Set ``profile.next_slot`` on each: its soonest free start (aware UTC) for any of
    its active areas (``active_areas`` prefetched), or None.

    The shortest area decides: a start that fits a longer call fits a shorter one too
    (same buffers, notice, horizon and daily limit), so no other area starts sooner.
    """
    wanted = [
        (profile, min(area.duration_minutes for area in profile.active_areas))
        for profile in profiles
        if profile.active_areas
    ]
    starts = next_free_starts(wanted=wanted, now=now)
    for profile in profiles:
        found = starts.get(profile.pk)
        profile.next_slot = found[0] if found else None


def expert_next_times(*, profile: ExpertProfile, area: ExpertArea, count: int, now: dt.datetime) -> list[dt.datetime]:
    """The first ``count`` free starts (aware UTC) of one area: a profile's next free times."""
    return next_free_starts(wanted=[(profile, area.duration_minutes)], count=count, now=now)[profile.pk]
