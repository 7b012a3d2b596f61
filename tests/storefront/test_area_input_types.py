"""Area input through the API is typed strictly where a lenient reading would be wrong:
money and durations are whole numbers, and a field the API does not take is named
instead of silently doing nothing."""

import pytest

from accounts.models import ExpertArea
from tests.storefront.helpers import add_area

pytestmark = pytest.mark.django_db

NEW_AREA = {"title": "Visa interview prep", "duration_minutes": 45, "price": 2_000_000}
WHOLE = "Send a whole number, without a decimal point."


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("price", 15000.0),
        ("price", "15000.00"),
        ("price", "1500.5"),
        ("duration_minutes", 30.0),
        ("duration_minutes", "45."),
    ],
)
def test_a_number_with_a_decimal_point_is_refused_not_rounded(api_as, bob_expert, field, value):
    client = api_as(bob_expert)
    response = client.post("/api/v1/expert/areas", {**NEW_AREA, field: value}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {field: [WHOLE]}
    assert not ExpertArea.objects.exists()

    area = add_area(bob_expert.expert_profile, price=700_000, duration_minutes=60)
    response = client.patch(f"/api/v1/expert/areas/{area.pk}", {field: value}, format="json")
    assert response.json()["error"]["fields"] == {field: [WHOLE]}
    area.refresh_from_db()
    assert (area.price, area.duration_minutes) == (700_000, 60)


@pytest.mark.parametrize(("field", "value"), [("price", True), ("price", "1e5"), ("duration_minutes", False)])
def test_booleans_and_exponents_are_not_numbers(api_as, bob_expert, field, value):
    response = api_as(bob_expert).post("/api/v1/expert/areas", {**NEW_AREA, field: value}, format="json")
    assert response.status_code == 400 and field in response.json()["error"]["fields"]


def test_whole_numbers_as_json_numbers_or_form_digits_are_taken(api_as, bob_expert):
    client = api_as(bob_expert)
    assert client.post("/api/v1/expert/areas", NEW_AREA, format="json").json()["price"] == 2_000_000
    form = client.post("/api/v1/expert/areas", {**NEW_AREA, "price": "2500000", "duration_minutes": "60"})
    assert form.status_code == 201, form.json()
    assert (form.json()["price"], form.json()["duration_minutes"]) == (2_500_000, 60)


def test_an_unknown_field_is_named_and_nothing_changes(api_as, bob_expert):
    client = api_as(bob_expert)
    area = add_area(bob_expert.expert_profile, duration_minutes=30)
    response = client.patch(f"/api/v1/expert/areas/{area.pk}", {"duration": 60}, format="json")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"duration": ["Unknown field."]}
    area.refresh_from_db()
    assert area.duration_minutes == 30

    created = client.post("/api/v1/expert/areas", {**NEW_AREA, "id": 9, "durationMinutes": 60}, format="json")
    assert created.json()["error"]["fields"] == {
        "id": ["This field cannot be changed here."],
        "durationMinutes": ["Unknown field."],
    }
    assert ExpertArea.objects.count() == 1


def test_the_currency_may_be_echoed_back(api_as, bob_expert):
    """A client that sends back what it read (with the same currency) still succeeds."""
    client = api_as(bob_expert)
    area = client.post("/api/v1/expert/areas", {**NEW_AREA, "currency": "NGN"}, format="json").json()
    changed = client.patch(f"/api/v1/expert/areas/{area['id']}", {"currency": "NGN", "price": 100}, format="json")
    assert changed.status_code == 200 and changed.json()["price"] == 100
