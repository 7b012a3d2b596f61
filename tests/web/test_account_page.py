import pytest
from django.test import Client

from accounts.models import RefreshSession
from accounts.tokens import session_start


@pytest.fixture
def alice_web(client, alice_client):
    client.force_login(alice_client)
    return client


def _open_session(user, agent="Test CLI/1.0"):
    return session_start(user=user, user_agent=agent, ip="203.0.113.9").session


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/account/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/account/")


@pytest.mark.django_db
def test_the_account_page_shows_the_profile_and_active_api_sessions(alice_web, alice_client):
    _open_session(alice_client, agent="Alice's phone app")

    body = alice_web.get("/account/").content.decode()

    assert "Alice Client" in body and "alice@example.com" in body
    assert '<dd><span class="badge">Client</span></dd>' in body
    assert "Alice&#x27;s phone app" in body
    assert "203.0.113.9" in body


@pytest.mark.django_db
def test_someone_else_s_sessions_are_not_listed(alice_web, bob_expert):
    _open_session(bob_expert, agent="Bob's laptop")

    assert "Bob&#x27;s laptop" not in alice_web.get("/account/").content.decode()


@pytest.mark.django_db
def test_revoking_a_session_ends_it_and_comes_back_with_a_message(alice_web, alice_client):
    doomed, kept = _open_session(alice_client), _open_session(alice_client)

    response = alice_web.post(f"/account/sessions/{doomed.pk}/revoke/", follow=True)

    assert response.redirect_chain == [("/account/", 302)]
    assert not RefreshSession.objects.filter(pk=doomed.pk).exists()
    assert RefreshSession.objects.filter(pk=kept.pk).exists()
    assert "Session revoked" in response.content.decode()


@pytest.mark.django_db
def test_revoking_through_htmx_answers_the_session_list_and_a_toast(alice_web, alice_client):
    doomed = _open_session(alice_client)

    response = alice_web.post(f"/account/sessions/{doomed.pk}/revoke/", HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="sessions"' in body and "<html" not in body
    assert 'hx-swap-oob="beforeend"' in body and "Session revoked" in body
    assert not RefreshSession.objects.filter(pk=doomed.pk).exists()


@pytest.mark.django_db
def test_revoking_another_user_s_session_is_not_found_and_changes_nothing(alice_web, bob_expert):
    bobs = _open_session(bob_expert)

    response = alice_web.post(f"/account/sessions/{bobs.pk}/revoke/")

    assert response.status_code == 404
    assert RefreshSession.objects.filter(pk=bobs.pk).exists()


@pytest.mark.django_db
def test_revoking_needs_a_post(alice_web, alice_client):
    session = _open_session(alice_client)

    assert alice_web.get(f"/account/sessions/{session.pk}/revoke/").status_code == 405
    assert RefreshSession.objects.filter(pk=session.pk).exists()


@pytest.mark.django_db
def test_logging_out_everywhere_ends_every_api_session_and_this_browser(alice_web, alice_client, bob_expert):
    _open_session(alice_client)
    _open_session(alice_client)
    bobs = _open_session(bob_expert)

    response = alice_web.post("/account/sessions/revoke-all/")

    assert response.status_code == 302 and response["Location"] == "/"
    assert not RefreshSession.objects.filter(user=alice_client).exists()
    assert RefreshSession.objects.filter(pk=bobs.pk).exists()
    assert alice_web.get("/account/").status_code == 302


@pytest.mark.django_db
def test_home_sends_experts_to_their_dashboard_clients_to_their_bookings_and_visitors_to_the_landing_page(
    client, alice_client, bob_expert
):
    assert client.get("/home/")["Location"] == "/"
    client.force_login(alice_client)
    assert client.get("/home/")["Location"] == "/bookings/"
    client.force_login(bob_expert)
    assert client.get("/home/")["Location"] == "/dashboard/"


def _browser(user) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.mark.django_db
def test_logging_out_everywhere_also_logs_out_the_users_other_browsers(alice_web, alice_client, bob_expert):
    # "Use it if you lost a device": a lost laptop is a browser session, not an API one.
    lost_laptop, bobs_browser = _browser(alice_client), _browser(bob_expert)
    assert lost_laptop.get("/account/").status_code == 200

    alice_web.post("/account/sessions/revoke-all/")

    assert lost_laptop.get("/account/").status_code == 302
    assert bobs_browser.get("/account/").status_code == 200
    alice_client.refresh_from_db()  # as a real sign-in loads her
    assert _browser(alice_client).get("/account/").status_code == 200


@pytest.mark.django_db
def test_the_api_log_out_everywhere_logs_out_browsers_too(api_as, alice_client):
    laptop = _browser(alice_client)

    assert api_as(alice_client).post("/api/v1/auth/logout-all").status_code == 204

    assert laptop.get("/account/").status_code == 302


@pytest.mark.django_db
def test_browser_sessions_survive_other_account_changes(alice_web, alice_client):
    alice_web.post("/account/profile/", {"full_name": "Alice Renamed", "timezone": "Europe/London"})
    session_start(user=alice_client)

    assert alice_web.get("/account/").status_code == 200
