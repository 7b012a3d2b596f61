import pytest
from rest_framework.test import APIClient

from accounts.api.serializers import ExpertMeUpdateSerializer
from accounts.models import Category, ExpertProfile, Role
from accounts.services import PROFILE_EDITABLE_FIELDS, USER_EDITABLE_FIELDS, user_profile_update
from procusmeet.api.errors import ApplicationError
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/api/v1/me"
USER_KEYS = {"id", "email", "full_name", "role", "date_joined"}
EXPERT_KEYS = USER_KEYS | {
    "display_name", "headline", "bio", "languages", "categories", "slug", "timezone", "currency",
    "min_notice_minutes", "horizon_days", "buffer_before_minutes", "buffer_after_minutes", "daily_limit",
    "years_experience", "social_links", "photo_url",
}  # fmt: skip


def test_a_client_sees_their_user_fields_and_time_zone(api_as, alice_client):
    response = api_as(alice_client).get(URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body) == USER_KEYS | {"timezone"}
    assert (body["id"], body["email"], body["role"], body["timezone"]) == (
        alice_client.pk,
        "alice@example.com",
        "client",
        "UTC",
    )


def test_an_expert_sees_their_storefront_and_booking_rules_at_the_top_level(api_as, bob_expert):
    body = api_as(bob_expert).get(URL).json()

    assert set(body) == EXPERT_KEYS
    profile = bob_expert.expert_profile
    assert body["slug"] == profile.slug
    assert (body["horizon_days"], body["min_notice_minutes"], body["daily_limit"]) == (60, 120, None)
    assert body["categories"] == []


def test_an_expert_changes_booking_rules_directly(api_as, bob_expert):
    response = api_as(bob_expert).patch(
        URL,
        {
            "horizon_days": 30,
            "buffer_before_minutes": 15,
            "daily_limit": 4,
            "timezone": "Europe/Berlin",
            "currency": "USD",
        },
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["horizon_days"] == 30
    profile = ExpertProfile.objects.get(user=bob_expert)
    assert (profile.horizon_days, profile.buffer_before_minutes, profile.daily_limit) == (30, 15, 4)
    assert (profile.timezone, profile.currency, profile.buffer_after_minutes) == ("Europe/Berlin", "USD", 0)


def test_an_expert_changes_their_storefront_text_languages_and_slug(api_as, bob_expert):
    changes = {
        "display_name": "Bob B.",
        "headline": "Tax advice",
        "bio": "Ten years **in** tax.",
        "languages": ["en", "yo"],
        "slug": "bob-tax",
    }

    body = api_as(bob_expert).patch(URL, changes, format="json").json()

    assert {key: body[key] for key in changes} == changes
    assert ExpertProfile.objects.get(user=bob_expert).slug == "bob-tax"


def test_daily_limit_can_be_cleared_with_null(api_as, bob_expert):
    api = api_as(bob_expert)
    api.patch(URL, {"daily_limit": 3}, format="json")

    response = api.patch(URL, {"daily_limit": None}, format="json")

    assert response.json()["daily_limit"] is None
    assert ExpertProfile.objects.get(user=bob_expert).daily_limit is None


def test_a_client_changes_their_name_and_time_zone(api_as, alice_client):
    response = api_as(alice_client).patch(URL, {"full_name": "Alice A.", "timezone": "Africa/Nairobi"}, format="json")

    assert response.status_code == 200
    alice_client.refresh_from_db()
    assert alice_client.full_name == "Alice A."
    assert alice_client.client_profile.timezone == "Africa/Nairobi"


@pytest.mark.parametrize(
    "field,value",
    [
        ("timezone", "Mars/Olympus"),
        ("currency", "EUR"),
        ("horizon_days", 0),
        ("horizon_days", 366),
        ("buffer_before_minutes", -5),
        ("buffer_before_minutes", 241),
        ("buffer_after_minutes", 300),
        ("daily_limit", 0),
        ("min_notice_minutes", -1),
        ("min_notice_minutes", "soon"),
        ("slug", "Bob Expert!"),
        ("slug", "-bob"),
        ("slug", "ab"),
        ("slug", "admin"),
        ("languages", "en"),
        ("languages", ["en", "en"]),
        ("languages", ["klingon"]),
        ("display_name", ""),
        ("display_name", "x" * 121),
        ("headline", "x" * 161),
        ("bio", "x" * 5001),
        ("full_name", ""),
        ("years_experience", 71),
        ("social_links", ["http://example.com/bob"]),
        ("categories", ["no-such-category"]),
    ],
)
def test_each_expert_field_is_validated_with_a_field_error(api_as, bob_expert, field, value):
    before = ExpertProfile.objects.values().get(user=bob_expert)

    response = api_as(bob_expert).patch(URL, {field: value}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert list(response.json()["error"]["fields"]) == [field]
    assert ExpertProfile.objects.values().get(user=bob_expert) == before


def test_one_bad_field_rejects_the_whole_change(api_as, bob_expert):
    response = api_as(bob_expert).patch(URL, {"headline": "Changed", "horizon_days": 0}, format="json")

    assert response.status_code == 400
    assert ExpertProfile.objects.get(user=bob_expert).headline == ""


def test_a_slug_another_expert_holds_is_a_field_error(api_as, bob_expert, carol_expert):
    response = api_as(bob_expert).patch(URL, {"slug": carol_expert.expert_profile.slug}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "slug_taken"
    assert list(response.json()["error"]["fields"]) == ["slug"]


def test_keeping_ones_own_slug_is_fine(api_as, bob_expert):
    response = api_as(bob_expert).patch(URL, {"slug": bob_expert.expert_profile.slug}, format="json")

    assert response.status_code == 200


def test_a_client_cannot_set_expert_fields(api_as, alice_client):
    response = api_as(alice_client).patch(URL, {"horizon_days": 30, "timezone": "Africa/Lagos"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"horizon_days": ["Only experts have this setting."]}
    alice_client.client_profile.refresh_from_db()
    assert alice_client.client_profile.timezone == "UTC"


@pytest.mark.parametrize(
    "field,value", [("email", "new@example.com"), ("role", "client"), ("id", 1), ("nickname", "b")]
)
def test_read_only_and_unknown_fields_are_refused_not_ignored(api_as, bob_expert, field, value):
    response = api_as(bob_expert).patch(URL, {field: value}, format="json")

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]
    bob_expert.refresh_from_db()
    assert (bob_expert.email, bob_expert.role) == ("bob@example.com", Role.EXPERT)


def test_me_needs_a_signed_in_user(api):
    assert api.get(URL).status_code == 401
    assert api.patch(URL, {"full_name": "Mallory"}, format="json").status_code == 401


def test_a_browser_session_cannot_patch_me_without_the_csrf_token(bob_expert):
    browser = APIClient(enforce_csrf_checks=True)
    assert browser.login(username="bob@example.com", password=PASSWORD)

    response = browser.patch(URL, {"horizon_days": 7}, format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert ExpertProfile.objects.get(user=bob_expert).horizon_days == 60


def test_the_api_edits_exactly_the_fields_the_service_allows():
    editable = USER_EDITABLE_FIELDS | PROFILE_EDITABLE_FIELDS[Role.EXPERT]

    assert set(ExpertMeUpdateSerializer().fields) == editable


def test_an_expert_chooses_categories_by_slug(api_as, bob_expert):
    Category.objects.create(name="Tax", slug="tax")
    Category.objects.create(name="Careers", slug="careers")

    response = api_as(bob_expert).patch(URL, {"categories": ["tax", "careers"]}, format="json")

    assert response.status_code == 200
    assert sorted(response.json()["categories"]) == ["careers", "tax"]
    assert set(bob_expert.expert_profile.categories.values_list("slug", flat=True)) == {"careers", "tax"}


def test_the_service_reports_bad_values_as_an_application_error_with_fields(alice_client):
    with pytest.raises(ApplicationError) as refused:
        user_profile_update(user=alice_client, changes={"timezone": "Mars/Olympus"})

    assert list(refused.value.fields) == ["timezone"]
