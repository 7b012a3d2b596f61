"""The account page's profile form: a client sets their name and the time zone their
bookings are shown in; an expert's zone stays on their public profile."""

import pytest

from accounts.models import ClientProfile, ExpertProfile, User

pytestmark = pytest.mark.django_db


def test_a_client_changes_name_and_time_zone(client, alice_client):
    client.force_login(alice_client)

    response = client.post("/account/profile/", {"full_name": "Alice Mensah", "timezone": "Africa/Accra"})

    assert response.status_code == 302 and response["Location"] == "/account/"
    assert User.objects.get(pk=alice_client.pk).full_name == "Alice Mensah"
    assert ClientProfile.objects.get(user=alice_client).timezone == "Africa/Accra"
    assert "Times are shown in Africa/Accra" in client.get("/bookings/").content.decode()


def test_a_zone_alias_set_through_the_api_stays_selected_on_the_page(client, alice_client):
    ClientProfile.objects.filter(user=alice_client).update(timezone="US/Pacific")
    client.force_login(alice_client)

    page = client.get("/account/").content.decode()

    assert '<option value="US/Pacific" selected>' in page
    client.post("/account/profile/", {"full_name": "Alice", "timezone": "US/Pacific"})
    assert ClientProfile.objects.get(user=alice_client).timezone == "US/Pacific"


def test_an_unknown_zone_and_an_empty_name_are_refused_with_field_errors(client, alice_client):
    client.force_login(alice_client)

    response = client.post("/account/profile/", {"full_name": "", "timezone": "Mars/Olympus"})

    assert response.status_code == 400
    body = response.content.decode()
    assert "This field is required." in body and "Select a valid choice." in body
    assert ClientProfile.objects.get(user=alice_client).timezone == "UTC"


def test_an_expert_changes_their_name_but_not_their_zone_here(client, bob_expert):
    client.force_login(bob_expert)
    zone = ExpertProfile.objects.get(user=bob_expert).timezone

    response = client.post("/account/profile/", {"full_name": "Bob Okafor", "timezone": "Asia/Tokyo"})

    assert response.status_code == 302
    assert User.objects.get(pk=bob_expert.pk).full_name == "Bob Okafor"
    assert ExpertProfile.objects.get(user=bob_expert).timezone == zone


def test_anonymous_visitors_cannot_change_a_profile(client, alice_client):
    response = client.post("/account/profile/", {"full_name": "Mallory", "timezone": "UTC"})

    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert User.objects.get(pk=alice_client.pk).full_name == "Alice Client"
