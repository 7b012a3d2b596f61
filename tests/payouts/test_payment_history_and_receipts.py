"""The client's payment history and a printable receipt per payment, for the payer only."""

import pytest

from scheduling.models_booking import BookingStatus
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.django_db


@pytest.fixture
def alices_payment(alice_client, bob_expert):
    return seeded_booking(expert=bob_expert, client=alice_client, amount=1_500_050).call.payment


def test_the_history_lists_only_the_clients_own_payments(client, alice_client, dave_client, bob_expert, alices_payment):
    daves = seeded_booking(expert=bob_expert, client=dave_client, amount=990_000).call.payment
    client.force_login(alice_client)

    page = client.get("/payments/history/").content.decode()

    assert f'data-payment="{alices_payment.pk}"' in page and "₦15,000.50" in page
    assert f'data-payment="{daves.pk}"' not in page
    assert f"/payments/{alices_payment.pk}/receipt/" in page


def test_the_receipt_shows_what_was_paid_and_prints_cleanly(client, alice_client, alices_payment):
    client.force_login(alice_client)

    response = client.get(f"/payments/{alices_payment.pk}/receipt/")

    page = response.content.decode()
    assert response.status_code == 200
    assert alices_payment.reference in page and "Career advice" in page and "Alice Client" in page
    assert "₦15,000.50" in page and "Total paid" in page
    assert "css/money.css" in page and "js/receipt.js" in page  # @media print and the print button
    assert "<script>" not in page and 'style="' not in page


def test_a_refunded_payment_shows_the_refund(client, alice_client, bob_expert):
    refunded = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.CANCELLED).call.payment
    client.force_login(alice_client)

    page = client.get(f"/payments/{refunded.pk}/receipt/").content.decode()

    assert "Refunded" in page and "Total after refund" in page and "₦0" in page


@pytest.mark.parametrize("who", ["bob_expert", "dave_client", "carol_expert"])
def test_nobody_but_the_payer_sees_a_receipt(client, request, alices_payment, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get(f"/payments/{alices_payment.pk}/receipt/").status_code == 404


def test_no_receipt_for_a_payment_that_never_took_money(client, alice_client, bob_expert):
    unpaid = seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.EXPIRED).call.payment
    client.force_login(alice_client)

    assert client.get(f"/payments/{unpaid.pk}/receipt/").status_code == 404


def test_history_and_receipts_need_a_login(client, alices_payment):
    assert client.get("/payments/history/").status_code == 302
    assert client.get(f"/payments/{alices_payment.pk}/receipt/").status_code == 302


def test_the_history_page_takes_a_fixed_number_of_queries(
    client, alice_client, bob_expert, django_assert_max_num_queries
):
    for _ in range(15):
        seeded_booking(expert=bob_expert, client=alice_client)
    client.force_login(alice_client)

    with django_assert_max_num_queries(12):
        assert client.get("/payments/history/").status_code == 200
