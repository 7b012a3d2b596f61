"""The landing page's featured experts and category chips, found without sorting or
hashing the whole directory.

``experts_featured`` takes the rated and the unrated experts in two parts and
``categories_in_use`` asks for each category's first listed expert; these tests hold
both to the queries they replaced, on every mix of ratings, hidden, deactivated and
unlisted experts, and to a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef
from django.test.utils import CaptureQueriesContext

from accounts.models import Category
from accounts.services import user_deactivate
from accounts.storefront.selectors import (
    Sort,
    _ordering,
    _with_public_relations,
    categories_in_use,
    experts_featured,
    experts_listed,
)
from accounts.storefront.services import expert_hide
from reviews.models import ExpertRating
from tests.storefront.helpers import add_area, category, expert, listed_expert

pytestmark = pytest.mark.django_db


def _reference(limit: int) -> list[int]:
    """The one-query version ``experts_featured`` replaced."""
    ordered = _with_public_relations(experts_listed().order_by(*_ordering(Sort.RATING, ranked=False)))
    return [profile.pk for profile in ordered[:limit]]


def _rate(profile, count: int, total: int) -> None:
    average = (Decimal(total) / count).quantize(Decimal("0.01")) if count else None
    ExpertRating.objects.create(expert=profile, rating_count=count, rating_sum=total, rating_average=average)


def _ids(limit: int) -> list[int]:
    return [profile.pk for profile in experts_featured(limit=limit)]


@pytest.fixture
def mixed():
    """Rated (ties on average, broken by count then newest), a summary with no visible
    review left (count 0: after the rated, before the never-rated), never rated."""
    unrated_old = listed_expert("Unrated Old")
    four_few = listed_expert("Four Few")
    _rate(four_few, 2, 9)  # 4.50 from 2
    zero = listed_expert("Zero Count")
    _rate(zero, 0, 0)
    three = listed_expert("Three")
    _rate(three, 1, 3)
    four_many = listed_expert("Four Many")
    _rate(four_many, 4, 18)  # 4.50 from 4
    four_many_newer = listed_expert("Four Many Newer")
    _rate(four_many_newer, 4, 18)
    unrated_new = listed_expert("Unrated New")
    return {
        "order": [four_many_newer, four_many, four_few, three, zero, unrated_new, unrated_old],
    }


def test_the_order_is_the_directorys_rating_order(mixed):
    expected = [profile.pk for profile in mixed["order"]]
    for limit in range(1, len(expected) + 2):
        assert _ids(limit) == expected[:limit] == _reference(limit)


def test_only_unrated_experts_come_newest_first(db):
    experts = [listed_expert(f"Person {n}") for n in range(4)]
    assert _ids(3) == [profile.pk for profile in reversed(experts)][:3] == _reference(3)


def test_hidden_and_deactivated_experts_are_never_featured(mixed):
    best, _second, *_rest = mixed["order"]
    expert_hide(profile=best)
    user_deactivate(user=mixed["order"][1].user)
    unrated_new = mixed["order"][5]
    expert_hide(profile=unrated_new)
    featured = _ids(10)
    assert best.pk not in featured and mixed["order"][1].pk not in featured and unrated_new.pk not in featured
    assert featured == _reference(10) and len(featured) == 4


def test_featured_experts_come_with_what_their_cards_show(mixed):
    category("Law")
    featured = experts_featured(limit=3)
    with CaptureQueriesContext(connection) as captured:
        for profile in featured:
            [category.slug for category in profile.categories.all()]
            assert profile.active_areas and profile.from_price
            profile.rating_summary  # noqa: B018 -- loaded with the profile
    assert len(captured) == 0


@pytest.mark.parametrize(("rated", "queries"), [(0, 4), (2, 4), (5, 3)])
def test_the_query_count_is_fixed(db, rated, queries, django_assert_num_queries):
    for n in range(6):
        profile = listed_expert(f"Person {n}")
        if n < rated:
            _rate(profile, 1, 5)
    # rated part, unrated part (only while short of the limit), categories, active areas
    with django_assert_num_queries(queries):
        assert len(experts_featured(limit=3)) == 3


def test_category_chips_are_the_categories_of_listed_experts_only(db):
    for name in ("Law", "Tech", "Design", "Health", "Cooking", "Music"):
        category(name)
    listed_expert("Ada Obi", categories=["law", "tech"])
    expert_hide(profile=listed_expert("Hidden Hana", categories=["design"]))
    user_deactivate(user=listed_expert("Gone Gabe", categories=["health"]).user)
    add_area(expert("No Hours Nia", categories=["cooking"]))  # a service but no availability
    expert("Bare Bola", categories=["music"])  # nothing bookable yet
    before = Category.objects.filter(Exists(experts_listed().filter(categories=OuterRef("pk"))))  # the old query
    assert [c.slug for c in categories_in_use()] == [c.slug for c in before] == ["law", "tech"]
