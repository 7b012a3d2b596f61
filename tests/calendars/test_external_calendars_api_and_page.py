import pytest

from calendars.models import ExternalCalendar
from tests.calendars.ics_samples import calendar, event

pytestmark = pytest.mark.django_db

FEED = calendar(event("a", "DTSTART:20300101T090000Z", "DTEND:20300101T100000Z"))


def test_an_expert_connects_lists_refreshes_and_removes_calendars_in_the_api(feeds, api_as, bob_expert):
    client = api_as(bob_expert)
    url = feeds.publish("/work.ics", FEED)

    created = client.post("/api/v1/expert/calendars", {"name": "Work", "url": url}, format="json")

    assert created.status_code == 201
    body = created.json()
    assert body["name"] == "Work" and "url" not in body  # the secret address is never shown again
    [listed] = client.get("/api/v1/expert/calendars").json()
    assert listed["id"] == body["id"]
    refreshed = client.post(f"/api/v1/expert/calendars/{body['id']}/refresh").json()
    assert refreshed["healthy"] is True and refreshed["last_error"] == ""
    assert client.delete(f"/api/v1/expert/calendars/{body['id']}").status_code == 204
    assert client.get("/api/v1/expert/calendars").json() == []


def test_bad_addresses_are_field_errors(api_as, bob_expert):
    client = api_as(bob_expert)

    for bad in ({"url": "not a url"}, {"url": "ftp://example.com/a.ics"}, {}):
        response = client.post("/api/v1/expert/calendars", bad, format="json")
        assert response.status_code == 400 and "url" in response.json()["error"]["fields"]


def test_clients_cannot_connect_calendars_and_experts_cannot_touch_each_others(api, api_as, alice_client, bob_expert, carol_expert):
    assert api.get("/api/v1/expert/calendars").status_code == 401
    assert api_as(alice_client).get("/api/v1/expert/calendars").status_code == 403
    bobs = ExternalCalendar.objects.create(user=bob_expert, name="Bob's", url="https://example.com/bob.ics")

    carol = api_as(carol_expert)
    assert carol.get("/api/v1/expert/calendars").json() == []
    assert carol.delete(f"/api/v1/expert/calendars/{bobs.pk}").status_code == 404
    assert carol.post(f"/api/v1/expert/calendars/{bobs.pk}/refresh").status_code == 404
    assert ExternalCalendar.objects.filter(pk=bobs.pk).exists()


def test_the_calendars_page_shows_each_calendars_health(feeds, client, bob_expert, django_capture_on_commit_callbacks):
    ok = feeds.publish("/ok.ics", FEED)
    feeds.publish("/broken.ics", "garbage")
    client.force_login(bob_expert)

    with django_capture_on_commit_callbacks(execute=True):  # the first fetch follows the commit
        client.post("/calendars/external/add/", {"name": "Work", "url": ok})
        client.post("/calendars/external/add/", {"name": "Home", "url": feeds.url("/broken.ics")}, HTTP_HX_REQUEST="true")
    page = client.get("/calendars/").content.decode()

    assert "Work" in page and "In sync" in page
    assert "Home" in page and "Problem" in page and "Not an iCalendar document" in page
    refused = client.post("/calendars/external/add/", {"name": "Again", "url": ok}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 400 and "already connected" in refused.content.decode()


def test_a_client_sees_the_feed_but_no_external_calendars(client, alice_client):
    client.force_login(alice_client)

    page = client.get("/calendars/").content.decode()

    assert "Your calls in your calendar" in page and "Your other calendars" not in page
    assert client.post("/calendars/external/add/", {"url": "https://example.com/a.ics"}).status_code == 404


def test_the_availability_page_reports_a_broken_calendar(client, bob_expert):
    ExternalCalendar.objects.create(user=bob_expert, name="Work", url="https://example.com/w.ics", last_error="HTTP 500")
    client.force_login(bob_expert)

    page = client.get("/availability/").content.decode()

    assert "One of your calendars could not be read" in page and 'href="/calendars/"' in page


def test_refresh_now_fetches_at_most_once_a_minute(feeds, api_as, bob_expert):
    """A fetch can hold a web worker for the whole download timeout: repeated clicks (or
    a script) get the calendar's current state until the minute is up."""
    client = api_as(bob_expert)
    url = feeds.publish("/work.ics", FEED)
    calendar = ExternalCalendar.objects.create(user=bob_expert, name="Work", url=url)
    refresh = f"/api/v1/expert/calendars/{calendar.pk}/refresh"

    answers = [client.post(refresh) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert feeds.requests == ["/work.ics"]
    assert answers[2].json()["healthy"] is True
