"""Reads of the storefront shared by pages and the API: public profiles, the
directory (search, filters, sort) and the expert's own areas and onboarding."""

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Category, ExpertArea, ExpertProfile, Role
from accounts.storefront.availability import (
    availability_page_url,
    expert_has_availability,
    experts_available,
    experts_maybe_free_this_week,
)
from accounts.storefront.search import full_text_enabled, search_query, search_terms


class Sort:
    RELEVANCE = "relevance"
    PRICE = "price"
    NEWEST = "newest"
    RATING = "rating"
    CHOICES = [
        (RELEVANCE, _("Best match")),
        (PRICE, _("Lowest price")),
        (NEWEST, _("Newest")),
        (RATING, _("Top rated")),
    ]


class Available:
    WEEK = "week"  # a free start in the next 7 days, for any active area
    CHOICES = [(WEEK, _("This week"))]


@dataclass(frozen=True)
class DirectoryFilters:
    q: str = ""
    category: str = ""
    language: str = ""
    currency: str = ""
    min_price: int | None = None
    max_price: int | None = None
    sort: str = ""
    available: str = ""


def _with_public_relations(profiles: QuerySet) -> QuerySet:
    """Everything a card or profile shows, in a fixed number of queries.

    The stored search vector is only read inside PostgreSQL (matching and ranking), and
    it is the widest column (it grows with the bio), so it is not fetched with the rows.
    """
    return profiles.defer("search_vector").select_related("rating_summary").prefetch_related(*_public_prefetches())


def _public_prefetches() -> tuple:
    active_areas = ExpertArea.objects.filter(active=True).order_by("price", "id")
    return ("categories", Prefetch("areas", queryset=active_areas, to_attr="active_areas"))


def experts_public() -> QuerySet[ExpertProfile]:
    """Experts whose public page may be shown: not hidden by staff, user still active."""
    return ExpertProfile.objects.filter(is_listed=True, user__is_active=True, user__role=Role.EXPERT)


def expert_public_get(*, slug: str | None = None, pk: int | None = None) -> ExpertProfile | None:
    lookup = {"slug": slug} if slug is not None else {"pk": pk}
    return _with_public_relations(experts_public().filter(**lookup)).first()


def experts_listed() -> QuerySet[ExpertProfile]:
    """Experts the directory shows: public, with an active area and availability."""
    return experts_available(experts_public().filter(from_price__isnull=False))


def experts_directory(*, filters: DirectoryFilters, now: dt.datetime | None = None) -> QuerySet[ExpertProfile]:
    """The directory's experts, filtered and sorted. With ``available``, a superset of the
    experts free this week: ``paging.DirectoryPaginator`` decides exactly per page."""
    profiles = experts_listed()
    if filters.available == Available.WEEK:
        profiles = experts_maybe_free_this_week(profiles, now=now or timezone.now())
    if filters.category:
        profiles = profiles.filter(categories__slug=filters.category)
    if filters.language:
        profiles = _filter_language(profiles, filters.language)
    if filters.currency:
        profiles = profiles.filter(currency=filters.currency)
    if filters.min_price is not None or filters.max_price is not None:
        profiles = profiles.filter(Exists(_areas_in_price_range(filters.min_price, filters.max_price)))
    profiles, ranked = _search(profiles, filters.q)
    return _with_public_relations(profiles.order_by(*_ordering(filters.sort, ranked)))


def _filter_language(profiles: QuerySet, code: str) -> QuerySet:
    if full_text_enabled():
        return profiles.filter(languages__contains=[code])  # jsonb @>, served by the GIN index
    return profiles.filter(languages__icontains=f'"{code}"')


def _areas_in_price_range(min_price: int | None, max_price: int | None) -> QuerySet:
    areas = ExpertArea.objects.filter(expert=OuterRef("pk"), active=True)
    if min_price is not None:
        areas = areas.filter(price__gte=min_price)
    if max_price is not None:
        areas = areas.filter(price__lte=max_price)
    return areas


def _search(profiles: QuerySet, text: str) -> tuple[QuerySet, bool]:
    if not search_terms(text):
        return profiles, False
    if full_text_enabled():
        query = search_query(text)
        return profiles.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query)), True
    matches = Q()
    for term in search_terms(text):
        area_titles = ExpertArea.objects.filter(expert=OuterRef("pk"), active=True, title__icontains=term)
        matches &= (
            Q(display_name__icontains=term)
            | Q(headline__icontains=term)
            | Q(bio__icontains=term)
            | Q(Exists(area_titles))
        )
    return profiles.filter(matches), False


def _ordering(sort: str, ranked: bool) -> list:
    if sort == Sort.PRICE:
        return ["from_price", "-created_at", "-id"]
    if sort == Sort.RATING:
        # Unrated experts last; among equal averages, more reviews first (reviews app).
        return [
            F("rating_summary__rating_average").desc(nulls_last=True),
            F("rating_summary__rating_count").desc(nulls_last=True),
            "-created_at",
            "-id",
        ]
    if ranked and sort in ("", Sort.RELEVANCE):
        return ["-rank", "-created_at", "-id"]
    return ["-created_at", "-id"]


def experts_featured(*, limit: int) -> list[ExpertProfile]:
    """The landing page's experts: the directory's best rated, newest among equals.

    The directory's rating order, taken in two parts so neither sorts the whole
    directory: experts with a rating summary (a join from the small ratings table, in
    rating order), then, only while short of ``limit``, the newest of those without one
    (they sort last, newest first: a walk down the newest-first index).
    """
    listed = experts_listed().defer("search_vector").select_related("rating_summary")
    featured = list(listed.filter(rating_summary__isnull=False).order_by(*_ordering(Sort.RATING, ranked=False))[:limit])
    if len(featured) < limit:
        unrated = listed.filter(rating_summary__isnull=True).order_by("-created_at", "-id")
        featured += unrated[: limit - len(featured)]
    prefetch_related_objects(featured, *_public_prefetches())  # one query per relation for both parts
    return featured


def categories_in_use() -> QuerySet[Category]:
    """Categories at least one expert of the directory is in (the landing page's chips).

    Asked as "the first listed expert of the category is not NULL" rather than EXISTS:
    PostgreSQL turns an EXISTS into a join that hashes the whole directory, while this
    subquery, stopping at its first row, is a few index probes per category.
    """
    first_expert = experts_listed().filter(categories=OuterRef("pk")).values("pk")[:1]
    return Category.objects.alias(first_expert=Subquery(first_expert)).filter(first_expert__isnull=False)


def expert_areas(*, expert: ExpertProfile) -> QuerySet[ExpertArea]:
    """The expert's own areas, active and inactive (their services page and API)."""
    return ExpertArea.objects.filter(expert=expert).order_by("-active", "created_at", "id")


@dataclass(frozen=True)
class OnboardingStep:
    key: str
    label: str
    done: bool
    url: str | None


@dataclass(frozen=True)
class OnboardingStatus:
    steps: list[OnboardingStep] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)


def expert_onboarding_status(profile: ExpertProfile) -> OnboardingStatus:
    """The checklist a new expert works through before clients can find them."""
    edit_url = reverse("experts:profile-edit")
    steps = [
        OnboardingStep("profile", _("Write your headline and bio"), bool(profile.headline and profile.bio), edit_url),
        OnboardingStep("photo", _("Add a profile photo"), bool(profile.photo), edit_url + "#photo"),
        OnboardingStep(
            "area",
            _("Offer at least one service"),
            profile.areas.filter(active=True).exists(),
            reverse("experts:areas"),
        ),
        OnboardingStep(
            "availability",
            _("Set your weekly availability"),
            expert_has_availability(profile),
            availability_page_url(),
        ),
    ]
    return OnboardingStatus(steps=steps)
