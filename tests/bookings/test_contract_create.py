"""POST /api/v1/bookings when the payment provider misbehaves: every answer is one the
OpenAPI schema lists for the operation, in the one error shape, and nothing is kept."""

import pytest

from calls.models import Call
from payments.models import Payment
from scheduling.models_booking import Booking
from tests.contract.test_schema_matches_answers import conforms, openapi  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def create(client, area, start):
    return client.post("/api/v1/bookings", {"area": area.pk, "start": start.isoformat()}, format="json")


@pytest.mark.parametrize(
    ("trouble", "status", "code"),
    [
        ({"failure_status": 503}, 503, "payment_provider_unavailable"),
        ({"failure_status": 400}, 502, "payment_provider_error"),  # Paystack refuses
        ({"malformed": True}, 502, "payment_provider_error"),  # an HTML page instead of JSON
    ],
)
def test_a_provider_failure_is_an_answer_the_schema_lists(
    openapi,  # noqa: F811
    api_as,
    alice_client,
    bob_hour,
    slot,
    fake_paystack,
    trouble,
    status,
    code,
):
    for name, value in trouble.items():
        setattr(fake_paystack, name, value)

    answer = create(api_as(alice_client), bob_hour, slot)

    assert answer.status_code == status
    assert answer.json()["error"]["code"] == code
    conforms(openapi, answer, "post", "/api/v1/bookings")
    assert not Call.objects.exists() and not Booking.objects.exists() and not Payment.objects.exists()
