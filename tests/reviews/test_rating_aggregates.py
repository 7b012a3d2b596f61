"""The expert's average and count always match their visible reviews: after writing,
editing, hiding and unhiding, and when reviews race each other."""

from decimal import Decimal

import pytest
from django.db.models import Avg, Count

from accounts.models import Role
from accounts.services import user_create
from procusmeet.api.errors import ApplicationError
from reviews.models import ExpertRating, Review
from reviews.services import review_create, review_hide, review_unhide, review_update
from tests.bookings.test_double_booking_race import race
from tests.payouts.factories import seeded_booking


def _summary(expert):
    return ExpertRating.objects.get(expert=expert.expert_profile)


def _recomputed(expert) -> tuple[int, Decimal | None]:
    totals = Review.objects.filter(expert=expert, hidden_by_staff=False).aggregate(
        count=Count("pk"), average=Avg("rating")
    )
    average = totals["average"]
    return totals["count"], None if average is None else Decimal(average).quantize(Decimal("0.01"))


def _clients(n: int):
    return [
        user_create(email=f"reviewer{i}@example.com", full_name=f"Reviewer {i}", role=Role.CLIENT) for i in range(n)
    ]


@pytest.mark.django_db
def test_writing_editing_hiding_and_unhiding_keep_the_summary_true(bob_expert, admin_user):
    reviews = []
    for client, rating in zip(_clients(3), (4, 5, 5), strict=True):
        booking = seeded_booking(expert=bob_expert, client=client)
        reviews.append(review_create(booking_id=booking.pk, client=client, rating=rating))
    summary = _summary(bob_expert)
    assert (summary.rating_count, summary.rating_sum, summary.rating_average) == (3, 14, Decimal("4.67"))

    review_update(booking_id=reviews[0].booking_id, client=reviews[0].client, rating=2)
    assert (_summary(bob_expert).rating_count, _summary(bob_expert).rating_average) == (3, Decimal("4.00"))

    review_hide(review_id=reviews[1].pk, staff=admin_user)
    assert (_summary(bob_expert).rating_count, _summary(bob_expert).rating_average) == (2, Decimal("3.50"))
    assert (_summary(bob_expert).rating_count, _summary(bob_expert).rating_average) == _recomputed(bob_expert)

    review_unhide(review_id=reviews[1].pk, staff=admin_user)
    assert (_summary(bob_expert).rating_count, _summary(bob_expert).rating_average) == (3, Decimal("4.00"))


@pytest.mark.django_db
def test_hiding_every_review_leaves_no_average(bob_expert, alice_client, admin_user):
    booking = seeded_booking(expert=bob_expert, client=alice_client)
    review = review_create(booking_id=booking.pk, client=alice_client, rating=1)

    review_hide(review_id=review.pk, staff=admin_user)

    assert (_summary(bob_expert).rating_count, _summary(bob_expert).rating_average) == (0, None)


@pytest.mark.django_db
def test_one_experts_reviews_never_move_anothers_average(bob_expert, carol_expert, alice_client):
    review_create(booking_id=seeded_booking(expert=bob_expert, client=alice_client).pk, client=alice_client, rating=5)
    review_create(booking_id=seeded_booking(expert=carol_expert, client=alice_client).pk, client=alice_client, rating=1)

    assert (_summary(bob_expert).rating_average, _summary(carol_expert).rating_average) == (
        Decimal("5.00"),
        Decimal("1.00"),
    )


@pytest.mark.django_db(transaction=True)
def test_reviews_written_at_the_same_moment_are_all_counted(bob_expert):
    clients = _clients(10)
    bookings = [seeded_booking(expert=bob_expert, client=client) for client in clients]

    results = race(
        [
            lambda booking=booking, client=client, rating=rating: review_create(
                booking_id=booking.pk, client=client, rating=rating
            )
            for booking, client, rating in zip(bookings, clients, [1, 2, 3, 4, 5] * 2, strict=True)
        ]
    )

    assert all(isinstance(result, Review) for result in results)
    summary = _summary(bob_expert)
    assert (summary.rating_count, summary.rating_sum, summary.rating_average) == (10, 30, Decimal("3.00"))


@pytest.mark.django_db(transaction=True)
def test_racing_reviews_of_one_call_leave_one(bob_expert, alice_client):
    booking = seeded_booking(expert=bob_expert, client=alice_client)

    results = race([lambda: review_create(booking_id=booking.pk, client=alice_client, rating=5) for _ in range(10)])

    assert sum(isinstance(result, Review) for result in results) == 1
    assert {error.code for error in results if isinstance(error, ApplicationError)} == {"review_exists"}
    assert _summary(bob_expert).rating_count == 1
