"""The device and address a session records come from outside (a proxy's
X-Forwarded-For becomes the address): whatever they hold, signing in works and the
session records what can be stored, never a 500."""

import pytest

from accounts.models import RefreshSession
from accounts.tokens import session_start
from tests.accounts.conftest import login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NOT_AN_ADDRESS = ["unknown", "1.2.3.4, 5.6.7.8", "203.0.113.9:443", "[2001:db8::1]", "999.1.1.1", "unix:/run/web.sock"]


@pytest.mark.parametrize("address", NOT_AN_ADDRESS)
def test_a_login_from_what_is_not_an_ip_address_records_no_address(api, alice_client, address):
    response = login(api, "alice@example.com", REMOTE_ADDR=address)

    assert response.status_code == 200
    assert RefreshSession.objects.get(user=alice_client).ip is None


@pytest.mark.parametrize("address", NOT_AN_ADDRESS[:2])
def test_register_and_refresh_from_what_is_not_an_ip_address_work(api, alice_client, address):
    body = {"email": "ada@example.com", "password": PASSWORD, "full_name": "Ada", "role": "expert"}
    pair = session_start(user=alice_client, ip="198.51.100.7")

    registered = api.post("/api/v1/auth/register", body, format="json", REMOTE_ADDR=address)
    refreshed = api.post("/api/v1/auth/refresh", {"refresh": pair.refresh}, format="json", REMOTE_ADDR=address)

    assert (registered.status_code, refreshed.status_code) == (201, 200)
    assert RefreshSession.objects.get(pk=pair.session.pk).ip == "198.51.100.7"  # the last known address stays


def test_a_real_address_is_recorded(api, alice_client):
    assert login(api, "alice@example.com", REMOTE_ADDR="2001:db8::7").status_code == 200

    assert RefreshSession.objects.get(user=alice_client).ip == "2001:db8::7"


def test_a_nul_in_the_user_agent_is_dropped(api, alice_client):
    response = login(api, "alice@example.com", HTTP_USER_AGENT="Phone\x00App/1.0")

    assert response.status_code == 200
    assert RefreshSession.objects.get(user=alice_client).user_agent == "PhoneApp/1.0"
