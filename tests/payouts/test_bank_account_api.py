"""The payout bank account: banks of the currency, the name on the account shown for
confirmation, then saved as a transfer recipient (test provider offline, or Paystack)."""

import pytest

from payments.models_payouts import BankAccount

pytestmark = pytest.mark.django_db

GTB_ACCOUNT = {"bank_code": "058", "account_number": "0123456789"}


def test_banks_are_listed_for_the_experts_currency_by_default(api_as, bob_expert):
    response = api_as(bob_expert).get("/api/v1/banks")

    assert response.status_code == 200
    assert response.json()["currency"] == "NGN"
    assert {"name": "Guaranty Trust Bank", "code": "058", "type": "nuban"} in response.json()["banks"]


def test_banks_of_another_currency(api_as, bob_expert):
    banks = api_as(bob_expert).get("/api/v1/banks?currency=ghs").json()

    assert banks["currency"] == "GHS"
    assert {"code": "MTN", "name": "MTN Mobile Money", "type": "mobile_money"} in banks["banks"]


def test_a_currency_without_payouts_is_a_field_error(api_as, bob_expert):
    response = api_as(bob_expert).get("/api/v1/banks?currency=USD")

    assert response.status_code == 400
    assert "currency" in response.json()["error"]["fields"]


def test_resolving_shows_the_name_on_the_account_and_saves_nothing(api_as, bob_expert):
    response = api_as(bob_expert).post("/api/v1/bank-account/resolve", GTB_ACCOUNT, format="json")

    assert response.status_code == 200
    assert response.json() == {
        "currency": "NGN",
        "bank_code": "058",
        "bank_name": "Guaranty Trust Bank",
        "account_number": "0123456789",
        "account_name": "TEST ACCOUNT 6789",
    }
    assert not BankAccount.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"bank_code": "999", "account_number": "0123456789"}, "bank_code"),
        ({"bank_code": "058", "account_number": "12ab"}, "account_number"),
        ({"bank_code": "058", "account_number": "12345"}, "account_number"),
        ({"bank_code": "058", "account_number": "1" * 21}, "account_number"),
        # Digits of other scripts are still digits to Python's \d, but no bank issues them.
        ({"bank_code": "058", "account_number": "٠١٢٣٤٥٦٧٨٩"}, "account_number"),
        ({"bank_code": "058", "account_number": "０１２３４５６７８９"}, "account_number"),
        ({"bank_code": "058"}, "account_number"),
        ({"account_number": "0123456789"}, "bank_code"),
        ({**GTB_ACCOUNT, "currency": "USD"}, "currency"),
    ],
)
def test_bad_bank_details_are_field_errors(api_as, bob_expert, body, field):
    client = api_as(bob_expert)

    for response in (
        client.post("/api/v1/bank-account/resolve", body, format="json"),
        client.put("/api/v1/bank-account", body, format="json"),
    ):
        assert response.status_code == 400
        assert field in response.json()["error"]["fields"]
    assert not BankAccount.objects.exists()


@pytest.mark.parametrize("number", ["٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "0123456789\n", "01234"])
def test_the_service_itself_takes_ascii_account_numbers_only(bob_expert, number):
    from payments.bank_accounts import bank_account_resolve, bank_account_set
    from payments.errors import BankAccountInvalid

    with pytest.raises(BankAccountInvalid) as refused:
        bank_account_resolve(currency="NGN", bank_code="058", account_number=number)
    assert refused.value.fields == {"account_number": ["Enter the account number: 6 to 20 digits."]}
    with pytest.raises(BankAccountInvalid):
        bank_account_set(expert=bob_expert, currency="NGN", bank_code="058", account_number=number)
    assert not BankAccount.objects.exists()


def test_saving_stores_the_recipient_and_answers_with_a_masked_number(api_as, bob_expert):
    response = api_as(bob_expert).put("/api/v1/bank-account", GTB_ACCOUNT, format="json")

    assert response.status_code == 200
    assert response.json()["account_number_masked"] == "••••••6789"
    assert "0123456789" not in response.content.decode()
    account = BankAccount.objects.get(expert=bob_expert)
    assert (account.recipient_code, account.account_name, account.bank_name) == (
        "RCP_test_058_0123456789",
        "TEST ACCOUNT 6789",
        "Guaranty Trust Bank",
    )


def test_the_account_can_be_read_back_and_replaced(api_as, bob_expert):
    client = api_as(bob_expert)
    assert client.get("/api/v1/bank-account").status_code == 404
    client.put("/api/v1/bank-account", GTB_ACCOUNT, format="json")

    client.put("/api/v1/bank-account", {"bank_code": "044", "account_number": "9876543210"}, format="json")

    shown = client.get("/api/v1/bank-account").json()
    assert (shown["bank_name"], shown["account_number_masked"]) == ("Access Bank", "••••••3210")
    assert BankAccount.objects.filter(expert=bob_expert).count() == 1


def test_paystack_registers_the_recipient_with_the_banks_type(api_as, bob_expert, fake_paystack):
    fake_paystack.accounts[("0241234567", "MTN")] = "BOB MENSAH"

    response = api_as(bob_expert).put(
        "/api/v1/bank-account", {"currency": "GHS", "bank_code": "MTN", "account_number": "0241234567"}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["account_name"] == "BOB MENSAH"
    created = fake_paystack.requests_to("POST", "/transferrecipient")[0].body
    assert created == {
        "type": "mobile_money",
        "name": "BOB MENSAH",
        "account_number": "0241234567",
        "bank_code": "MTN",
        "currency": "GHS",
    }
    assert BankAccount.objects.get(expert=bob_expert).recipient_code in fake_paystack.recipients


def test_an_account_paystack_cannot_resolve_is_refused(api_as, bob_expert, fake_paystack):
    response = api_as(bob_expert).put("/api/v1/bank-account", GTB_ACCOUNT, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["account_number"] == [
        "We could not find this account number at Guaranty Trust Bank. Check it and try again."
    ]
    assert not fake_paystack.requests_to("POST", "/transferrecipient")


def test_paystack_down_is_a_503_and_saves_nothing(api_as, bob_expert, fake_paystack):
    fake_paystack.failure_status = 502

    response = api_as(bob_expert).put("/api/v1/bank-account", GTB_ACCOUNT, format="json")

    assert response.status_code == 503
    assert not BankAccount.objects.exists()
