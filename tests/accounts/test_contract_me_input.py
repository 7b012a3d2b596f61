"""``PATCH /api/v1/me`` takes a profile address, language codes and a currency code in
any case, as the profile page and the areas API do, and still applies every rule to
the normalised value."""

import pytest

from accounts.models import ExpertProfile

pytestmark = pytest.mark.django_db

URL = "/api/v1/me"


def test_a_profile_address_in_capitals_is_saved_in_lower_case(api_as, bob_expert):
    response = api_as(bob_expert).patch(URL, {"slug": "Bob-Tax"}, format="json")

    assert response.status_code == 200
    assert response.json()["slug"] == "bob-tax"
    assert ExpertProfile.objects.get(user=bob_expert).slug == "bob-tax"


def test_another_experts_address_in_capitals_is_taken(api_as, bob_expert, carol_expert):
    carol_slug = carol_expert.expert_profile.slug

    response = api_as(bob_expert).patch(URL, {"slug": carol_slug.upper()}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "slug_taken"
    assert list(response.json()["error"]["fields"]) == ["slug"]


@pytest.mark.parametrize("slug", ["ADMIN", "Me", "Bob Tax", "AB"])
def test_a_reserved_or_malformed_address_is_refused_whatever_its_case(api_as, bob_expert, slug):
    before = ExpertProfile.objects.get(user=bob_expert).slug

    response = api_as(bob_expert).patch(URL, {"slug": slug}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["slug"]
    assert ExpertProfile.objects.get(user=bob_expert).slug == before


def test_language_codes_in_capitals_are_saved_in_lower_case(api_as, bob_expert):
    response = api_as(bob_expert).patch(URL, {"languages": ["EN", "Yo"]}, format="json")

    assert response.status_code == 200
    assert response.json()["languages"] == ["en", "yo"]


def test_the_same_language_in_two_cases_is_a_duplicate(api_as, bob_expert):
    response = api_as(bob_expert).patch(URL, {"languages": ["en", "EN"]}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["languages"]


@pytest.mark.parametrize("typed", ["usd", " Usd ", "USD"])
def test_a_currency_code_is_taken_in_any_case_as_the_areas_api_takes_it(api_as, bob_expert, typed):
    response = api_as(bob_expert).patch(URL, {"currency": typed}, format="json")

    assert response.status_code == 200
    assert response.json()["currency"] == "USD"


@pytest.mark.parametrize("typed", ["eur", "", 840, ["USD"]])
def test_a_currency_we_do_not_settle_in_is_refused(api_as, bob_expert, typed):
    response = api_as(bob_expert).patch(URL, {"currency": typed}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["currency"]
    assert ExpertProfile.objects.get(user=bob_expert).currency == "NGN"


@pytest.mark.parametrize(
    "typed,saved", [("europe/berlin", "Europe/Berlin"), ("utc", "UTC"), ("ASIA/CALCUTTA", "Asia/Kolkata")]
)
def test_a_time_zone_is_taken_in_any_case_as_the_slots_api_takes_it(api_as, alice_client, bob_expert, typed, saved):
    for user in (alice_client, bob_expert):
        response = api_as(user).patch(URL, {"timezone": typed}, format="json")

        assert response.status_code == 200
        assert response.json()["timezone"] == saved


@pytest.mark.parametrize("typed", ["mars/olympus", "localtime", "", "x" * 65])
def test_a_name_that_is_no_time_zone_in_any_case_is_refused(api_as, bob_expert, typed):
    response = api_as(bob_expert).patch(URL, {"timezone": typed}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["timezone"]
