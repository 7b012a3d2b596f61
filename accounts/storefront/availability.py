"""The storefront's questions to scheduling about availability, in one place.

SPEC §2 hides experts without availability from the directory, and the onboarding
checklist has an availability step; scheduling owns what "has availability" means.
"""

from django.db.models import QuerySet
from django.urls import reverse

from accounts.models import ExpertProfile
from scheduling.selectors import experts_with_availability


def experts_available(profiles: QuerySet[ExpertProfile]) -> QuerySet[ExpertProfile]:
    """Only the experts of ``profiles`` that have any availability."""
    return experts_with_availability(profiles)


def expert_has_availability(profile: ExpertProfile) -> bool:
    return experts_with_availability(ExpertProfile.objects.filter(pk=profile.pk)).exists()


def availability_page_url() -> str:
    return reverse("scheduling:editor")
