import pytest

from accounts.services import user_deactivate

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.accounts.role_urls")]


def test_an_expert_passes_the_expert_gate_and_not_the_client_gate(api_as, bob_expert):
    api = api_as(bob_expert)

    assert api.get("/api/v1/expert-only").status_code == 200
    response = api.get("/api/v1/client-only")
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "permission_denied",
        "message": "Only clients can do this.",
        "fields": {},
    }


def test_a_client_passes_the_client_gate_and_not_the_expert_gate(api_as, alice_client):
    api = api_as(alice_client)

    assert api.get("/api/v1/client-only").status_code == 200
    response = api.get("/api/v1/expert-only")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "Only experts can do this."


@pytest.mark.parametrize("path", ["/api/v1/expert-only", "/api/v1/client-only"])
def test_anonymous_callers_are_asked_to_sign_in(api, path):
    assert api.get(path).status_code == 401


def test_a_deactivated_expert_is_refused_by_the_gate(api_as, bob_expert):
    api = api_as(bob_expert)
    user_deactivate(user=bob_expert)

    assert api.get("/api/v1/expert-only").status_code == 401
