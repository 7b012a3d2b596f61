"""The addresses of the test checkout flow (authorization_url → pay / fail → callback)
with references no provider ever issues: a calm 404, never a 500. PostgreSQL refuses a
NUL in a lookup outright, so such a reference must not reach the database."""

import pytest

from payments.models import TestTransaction

pytestmark = pytest.mark.django_db

ODD_REFERENCES = ["%00", "pm-1-%00", "pm 1", "pm-1-ab%2F", "x" * 101, "pm-1-é"]


@pytest.fixture
def checkout(test_provider):
    charge = test_provider.prepare(amount=1_500_000, currency="NGN", email="alice@example.com", callback_url="/x/")
    return test_provider.charge_initialize(charge)


@pytest.mark.parametrize("reference", ODD_REFERENCES)
def test_the_callback_with_an_odd_reference_is_not_found(client, test_provider, reference):
    assert client.get(f"/payments/callback/?reference={reference}").status_code == 404


@pytest.mark.parametrize("reference", ODD_REFERENCES)
def test_the_checkout_pages_with_an_odd_reference_are_not_found(client, alice_client, checkout, reference):
    client.force_login(alice_client)

    assert client.get(f"/payments/test-checkout/{reference}/").status_code == 404
    assert client.post(f"/payments/test-checkout/{reference}/pay/").status_code == 404
    assert client.post(f"/payments/test-checkout/{reference}/fail/").status_code == 404
    assert TestTransaction.objects.get().status == "abandoned"


def test_a_well_formed_reference_still_opens_its_checkout(client, checkout):
    assert client.get(checkout.authorization_url).status_code == 200
