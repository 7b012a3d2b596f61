"""``GET, PATCH /api/v1/me``: the fields SPEC §8 names for experts, and their limits."""

import pytest

from tests.contract.conftest import each, error_of, field_errors

pytestmark = pytest.mark.django_db

EXPERT_FIELDS = {
    "display_name", "headline", "bio", "languages", "categories", "slug", "timezone", "currency",
    "min_notice_minutes", "horizon_days", "buffer_before_minutes", "buffer_after_minutes", "daily_limit",
}  # fmt: skip


def test_an_expert_sees_every_field_the_contract_names(api_as, bob_expert):
    me = api_as(bob_expert).get("/api/v1/me").json()

    assert EXPERT_FIELDS | {"id", "email", "full_name", "role"} <= set(me)
    assert me["role"] == "expert" and me["daily_limit"] is None


def test_a_client_sees_their_own_fields_only(api_as, alice_client):
    me = api_as(alice_client).get("/api/v1/me").json()

    assert {"id", "email", "full_name", "role", "timezone"} <= set(me)
    assert not EXPERT_FIELDS - {"timezone"} & set(me)


ACCEPTED = [
    {"horizon_days": 1},
    {"horizon_days": 365},
    {"daily_limit": 3},
    {"daily_limit": None},
    {"timezone": "Asia/Kathmandu"},
    {"timezone": "America/St_Johns"},
    {"currency": "USD"},
    {"min_notice_minutes": 0},
    {"buffer_before_minutes": 15, "buffer_after_minutes": 10},
    {"display_name": "Dr Bob", "headline": "Careers", "bio": "Hello"},
    {"languages": ["en", "yo"]},
    {"categories": []},
    {"slug": "bob-the-expert"},
    {},
]


def test_an_expert_changes_each_field_and_reads_it_back(api_as, bob_expert):
    client = api_as(bob_expert)

    def check(change):
        response = client.patch("/api/v1/me", change, format="json")
        assert response.status_code == 200, response.content
        assert {name: response.json()[name] for name in change} == change
        assert {name: client.get("/api/v1/me").json()[name] for name in change} == change

    each([(change,) for change in ACCEPTED], check)


REFUSED = [
    ({"horizon_days": 0}, "horizon_days"),
    ({"horizon_days": 366}, "horizon_days"),
    ({"horizon_days": 10**30}, "horizon_days"),
    ({"horizon_days": 30.5}, "horizon_days"),
    ({"horizon_days": None}, "horizon_days"),
    ({"horizon_days": "many"}, "horizon_days"),
    ({"daily_limit": 0}, "daily_limit"),
    ({"daily_limit": -1}, "daily_limit"),
    ({"timezone": "Mars/Olympus"}, "timezone"),
    ({"timezone": "+01:00"}, "timezone"),
    ({"timezone": "localtime"}, "timezone"),
    ({"timezone": "../../etc/passwd"}, "timezone"),
    ({"timezone": "Europe/London" * 10}, "timezone"),
    ({"currency": "EUR"}, "currency"),
    ({"min_notice_minutes": -5}, "min_notice_minutes"),
    ({"buffer_after_minutes": -1}, "buffer_after_minutes"),
    ({"display_name": ""}, "display_name"),
    ({"headline": "x" * 100_000}, "headline"),
    ({"bio": None}, "bio"),
    ({"languages": "en"}, "languages"),
    ({"categories": ["no-such-category"]}, "categories"),
    ({"slug": "Not A Slug!"}, "slug"),
    ({"email": "new@example.com"}, "email"),
    ({"role": "client"}, "role"),
    ({"made_up": 1}, "made_up"),
]


def test_an_expert_gets_a_field_error_for_each_bad_value_and_nothing_changes(api_as, bob_expert):
    client = api_as(bob_expert)
    before = client.get("/api/v1/me").json()

    each(REFUSED, lambda change, field: field_errors(client.patch("/api/v1/me", change, format="json"))[field])

    assert client.get("/api/v1/me").json() == before


def test_a_slug_another_expert_has_is_refused(api_as, bob_expert, carol_expert):
    error_of(api_as(carol_expert).patch("/api/v1/me", {"slug": bob_expert.expert_profile.slug}, format="json"), 400)


def test_a_client_changes_their_time_zone_but_no_expert_setting(api_as, alice_client):
    client = api_as(alice_client)

    assert (
        client.patch("/api/v1/me", {"timezone": "Pacific/Chatham"}, format="json").json()["timezone"]
        == "Pacific/Chatham"
    )
    assert "horizon_days" in field_errors(client.patch("/api/v1/me", {"horizon_days": 10}, format="json"))
