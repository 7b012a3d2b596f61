import pytest

from accounts.models import ClientProfile, ExpertProfile, RefreshSession, User
from accounts.tokens import session_start
from tests.conftest import PASSWORD


@pytest.fixture
def staff_client(client, db):
    admin = User.objects.create_superuser("ops@example.com", PASSWORD, full_name="Ops Person")
    client.force_login(admin)
    return client


@pytest.mark.django_db
def test_the_deactivate_action_locks_users_out_through_the_service(staff_client, alice_client, bob_expert, dave_client):
    session_start(user=alice_client, user_agent="app", ip="127.0.0.1")

    response = staff_client.post(
        "/admin/accounts/user/",
        {"action": "deactivate_users", "_selected_action": [alice_client.pk, bob_expert.pk], "post": "yes"},
        follow=True,
    )

    assert "Deactivated 2 users." in response.content.decode()
    assert set(User.objects.filter(is_active=False).values_list("email", flat=True)) == {
        "alice@example.com",
        "bob@example.com",
    }
    assert not RefreshSession.objects.filter(user=alice_client).exists()
    assert User.objects.get(pk=dave_client.pk).is_active


@pytest.mark.django_db
def test_the_deactivate_action_is_for_staff_with_change_permission(client, alice_client, bob_expert):
    client.force_login(alice_client)

    client.post("/admin/accounts/user/", {"action": "deactivate_users", "_selected_action": [bob_expert.pk], "post": "yes"})

    assert User.objects.get(pk=bob_expert.pk).is_active


@pytest.mark.django_db
def test_the_user_list_searches_by_name_and_filters_by_role(staff_client, alice_client, bob_expert):
    found = staff_client.get("/admin/accounts/user/", {"q": "Bob Exp"}).context["cl"].result_list
    experts = staff_client.get("/admin/accounts/user/", {"role__exact": "expert"}).context["cl"].result_list

    assert [user.email for user in found] == ["bob@example.com"]
    assert [user.email for user in experts] == ["bob@example.com"]


@pytest.mark.django_db
def test_adding_a_user_in_admin_creates_their_role_profile(staff_client):
    response = staff_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "New.Expert@Example.com",
            "full_name": "New Expert",
            "role": "expert",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="new.expert@example.com")
    assert ExpertProfile.objects.filter(user=user).exists()
    assert not ClientProfile.objects.filter(user=user).exists()


@pytest.mark.django_db
def test_api_sessions_in_admin_show_only_a_masked_hash(staff_client, alice_client):
    session = session_start(user=alice_client, user_agent="app", ip="127.0.0.1").session

    listing = staff_client.get("/admin/accounts/refreshsession/").content.decode()
    detail = staff_client.get(f"/admin/accounts/refreshsession/{session.pk}/change/").content.decode()

    assert f"{session.token_hash[:8]}…" in listing
    assert session.token_hash not in listing and session.token_hash not in detail
    assert staff_client.get(f"/admin/accounts/refreshsession/{session.pk}/delete/").status_code == 403
