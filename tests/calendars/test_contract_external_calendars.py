"""POST /api/v1/expert/calendars and /refresh as an integrator meets them: every wrong
JSON type, unknown field and address that can never be fetched is a 400 field error in
the one error shape (and in the schema), never a silent success or a 500."""

import pytest

from calendars import services
from calendars.fetch import is_public_ip
from calendars.models import ExternalCalendar
from tests.contract.conftest import each, field_errors
from tests.contract.test_schema_matches_answers import conforms, openapi  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

PATH = "/api/v1/expert/calendars"
GOOD = "https://calendar.example.com/secret/basic.ics"


@pytest.fixture
def public_only(settings):
    settings.CALENDAR_FETCH_ALLOW_PRIVATE = False


def test_every_field_of_the_wrong_json_type_is_a_field_error(openapi, api_as, bob_expert):
    client = api_as(bob_expert)
    wrong = [["a"], {"a": 1}, None, 12, 1.5, True, "a\x00b"]
    cases = [("url", value) for value in wrong] + [("name", value) for value in wrong]
    cases += [("url", "https://example.com/" + "a" * 10_000), ("name", "n" * 10_000)]

    def check(field, value):
        response = client.post(PATH, {"url": GOOD, "name": "Work", field: value}, format="json")
        assert field in field_errors(response), response.json()
        conforms(openapi, response, "post", PATH)

    each(cases, check)
    assert not ExternalCalendar.objects.exists()  # a number is not quietly taken as its text


def test_an_unknown_field_is_named_instead_of_ignored(openapi, api_as, bob_expert):
    response = api_as(bob_expert).post(PATH, {"url": GOOD, "colour": "red", "user": 1}, format="json")

    assert set(field_errors(response)) == {"colour", "user"}
    conforms(openapi, response, "post", PATH)
    assert not ExternalCalendar.objects.exists()


def test_addresses_that_are_not_web_addresses_are_refused(api_as, bob_expert):
    client = api_as(bob_expert)
    bad = ["javascript:alert(1)", "file:///etc/passwd", "ftp://example.com/a.ics", "https://", "webcal://", "data:,x"]

    each([(url,) for url in bad], lambda url: field_errors(client.post(PATH, {"url": url}, format="json"))["url"])


def test_an_address_naming_a_private_host_is_refused_when_added(openapi, public_only, api_as, bob_expert):
    """The fetch would refuse it every time (SSRF); adding it must not look like success."""
    client = api_as(bob_expert)
    private = [
        "http://127.0.0.1/a.ics",
        "http://10.0.0.1/a.ics",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/a.ics",
        "http://[fe80::1]/a.ics",
        "http://[::ffff:127.0.0.1]/a.ics",
        "http://[64:ff9b::a00:1]/a.ics",  # 10.0.0.1 through NAT64
        "http://[2002:a00:1::1]/a.ics",  # 10.0.0.1 through 6to4
        "http://localhost:8000/a.ics",
        "webcal://calendar.localhost/a.ics",
    ]

    def check(url):
        response = client.post(PATH, {"url": url}, format="json")
        assert "private network" in field_errors(response)["url"][0]
        conforms(openapi, response, "post", PATH)

    each([(url,) for url in private], check)
    assert not ExternalCalendar.objects.exists()


def test_public_addresses_in_every_accepted_form_are_connected(openapi, public_only, api_as, bob_expert):
    client = api_as(bob_expert)
    public = ["webcal://example.com/w.ics", "https://[2606:4700::1111]/v6.ics", "  https://example.com/padded.ics  "]

    def check(url):
        response = client.post(PATH, {"url": url}, format="json")
        assert response.status_code == 201, response.content
        conforms(openapi, response, "post", PATH)

    each([(url,) for url in public], check)
    assert sorted(ExternalCalendar.objects.values_list("url", flat=True)) == [
        "https://[2606:4700::1111]/v6.ics",
        "https://example.com/padded.ics",
        "https://example.com/w.ics",
    ]


def test_ipv6_addresses_carrying_a_private_ipv4_are_not_public():
    assert not is_public_ip("64:ff9b::7f00:1")
    assert not is_public_ip("2002:c0a8:101::1")
    assert is_public_ip("64:ff9b::808:808") and is_public_ip("2606:4700::1111") and is_public_ip("8.8.8.8")


def test_refreshing_a_private_address_stored_earlier_reports_the_refusal(openapi, public_only, api_as, bob_expert):
    """Addresses added before the check (or resolving privately) still meet the fetch's
    refusal on the API's refresh path."""
    calendar = ExternalCalendar.objects.create(user=bob_expert, name="Old", url="http://127.0.0.1:9/a.ics")

    response = api_as(bob_expert).post(f"{PATH}/{calendar.pk}/refresh")

    assert response.status_code == 200
    assert response.json()["healthy"] is False and "private network" in response.json()["last_error"]
    conforms(openapi, response, "post", "/api/v1/expert/calendars/{calendar_id}/refresh")


def test_a_calendar_removed_while_it_is_refreshed_is_not_found(openapi, monkeypatch, api_as, bob_expert):
    calendar = ExternalCalendar.objects.create(user=bob_expert, name="Work", url=GOOD)

    def removed_meanwhile(calendar, now):
        ExternalCalendar.objects.filter(pk=calendar.pk).delete()
        return []

    monkeypatch.setattr(services, "_download_and_parse", removed_meanwhile)
    response = api_as(bob_expert).post(f"{PATH}/{calendar.pk}/refresh")

    assert response.status_code == 404 and response.json()["error"]["code"] == "calendar_not_found"
    conforms(openapi, response, "post", "/api/v1/expert/calendars/{calendar_id}/refresh")


def test_a_port_out_of_range_is_a_field_error(openapi, api_as, bob_expert):
    response = api_as(bob_expert).post(PATH, {"url": "https://example.com:99999/a.ics"}, format="json")

    assert "url" in field_errors(response)
    conforms(openapi, response, "post", PATH)


def test_refreshing_a_stored_address_with_a_port_out_of_range_reports_it(feeds, api_as, bob_expert):
    calendar = ExternalCalendar.objects.create(user=bob_expert, name="Old", url="http://127.0.0.1:99999/a.ics")

    response = api_as(bob_expert).post(f"{PATH}/{calendar.pk}/refresh")

    assert response.status_code == 200 and response.json()["healthy"] is False
    assert response.json()["last_error"] == "The calendar server could not be reached."
