"""``GET /api/v1/experts/{id}/reviews``: public, paginated, hidden reviews left out; the
rating shows on the profile, in the directory (sort by rating) and in JSON-LD."""

import json
import re

import pytest

from accounts.models import Role
from accounts.services import user_create
from reviews.services import review_create, review_hide, review_reply
from tests.payouts.factories import seeded_booking
from tests.storefront.helpers import listed_expert

pytestmark = pytest.mark.django_db


def _reviewed(expert_user, ratings, prefix="fan"):
    reviews = []
    for n, rating in enumerate(ratings):
        client = user_create(email=f"{prefix}{n}@example.com", full_name=f"Fan Number{n}", role=Role.CLIENT)
        booking = seeded_booking(expert=expert_user, client=client)
        reviews.append(review_create(booking_id=booking.pk, client=client, rating=rating, text=f"Review {n}"))
    return reviews


def test_anyone_reads_an_experts_reviews_newest_first_without_hidden_ones(api, bob_expert, admin_user):
    first, second, third = _reviewed(bob_expert, [5, 1, 4])
    review_hide(review_id=second.pk, staff=admin_user)
    review_reply(booking_id=third.booking_id, expert=bob_expert, text="Thanks!")

    response = api.get(f"/api/v1/experts/{bob_expert.expert_profile.pk}/reviews")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["results"]] == [third.pk, first.pk]
    assert body["results"][0]["expert_reply"] == "Thanks!" and body["results"][0]["reviewer"] == "Fan N."
    assert "email" not in json.dumps(body) and "hidden_by_staff" not in body["results"][0]


def test_reviews_are_paginated(api, bob_expert):
    _reviewed(bob_expert, [5] * 5)

    page = api.get(f"/api/v1/experts/{bob_expert.expert_profile.pk}/reviews?page_size=2&page=2").json()

    assert page["count"] == 5 and len(page["results"]) == 2 and page["next"] and page["previous"]


def test_an_unknown_or_hidden_expert_has_no_reviews_page(api, bob_expert):
    profile = bob_expert.expert_profile
    profile.is_listed = False
    profile.save(update_fields=["is_listed"])

    assert api.get(f"/api/v1/experts/{profile.pk}/reviews").status_code == 404
    assert api.get("/api/v1/experts/999999/reviews").status_code == 404


def test_the_reviews_list_takes_a_fixed_number_of_queries(api, bob_expert, django_assert_num_queries):
    _reviewed(bob_expert, [5, 4, 3, 2, 1, 5, 4, 3])

    with django_assert_num_queries(3):  # the expert, the count, the page with its reviewers
        api.get(f"/api/v1/experts/{bob_expert.expert_profile.pk}/reviews")


def test_the_profile_shows_the_rating_the_reviews_and_json_ld_aggregate_rating(client, bob_expert, admin_user):
    reviews = _reviewed(bob_expert, [5, 4, 4, 1])
    review_hide(review_id=reviews[3].pk, staff=admin_user)

    page = client.get(f"/experts/{bob_expert.expert_profile.slug}/").content.decode()

    assert 'data-rating="4.33" data-rating-count="3"' in page and "4.3 out of 5 · 3 reviews" in page
    assert "Review 0" in page and "Review 3" not in page
    json_ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert json_ld["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.33",
        "reviewCount": 3,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_an_unreviewed_profile_has_no_aggregate_rating(client, bob_expert):
    page = client.get(f"/experts/{bob_expert.expert_profile.slug}/").content.decode()

    assert "aggregateRating" not in page and "data-rating" not in page and 'id="reviews"' not in page


def test_the_directory_shows_ratings_and_sorts_by_them(api, client):
    profiles = {name: listed_expert(name) for name in ("Ada Obi", "Kofi Mensah", "Thandi Nkosi", "Zara Unrated")}
    _reviewed(profiles["Ada Obi"].user, [4, 4], prefix="a")
    _reviewed(profiles["Kofi Mensah"].user, [5], prefix="k")
    _reviewed(profiles["Thandi Nkosi"].user, [4, 4, 4], prefix="t")

    results = api.get("/api/v1/experts?sort=rating").json()["results"]

    assert [item["display_name"] for item in results] == ["Kofi Mensah", "Thandi Nkosi", "Ada Obi", "Zara Unrated"]
    assert results[0]["rating"] == {"average": 5.0, "count": 1}
    assert results[-1]["rating"] is None
    page = client.get("/experts/?sort=rating").content.decode()
    assert page.index("Kofi Mensah") < page.index("Thandi Nkosi") < page.index("Ada Obi") < page.index("Zara Unrated")
    assert "4.0 out of 5 · 3 reviews" in page


def test_ratings_cost_the_directory_no_extra_query(api, django_assert_num_queries):
    for name in ("Ada Obi", "Kofi Mensah"):
        _reviewed(listed_expert(name).user, [5], prefix=name[:3])
    api.get("/api/v1/experts?sort=rating")  # caches each expert's next free slot (3 queries per page)
    with django_assert_num_queries(4) as captured:
        api.get("/api/v1/experts?sort=rating")
    assert any("reviews_expertrating" in query["sql"] for query in captured.captured_queries)
