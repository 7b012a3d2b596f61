import pytest

from accounts.storefront.money import money_decimal_string, money_format


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (1_500_000, "NGN", "₦15,000"),
        (1_500_050, "NGN", "₦15,000.50"),
        (25_000, "GHS", "GH₵250"),
        (25_050, "GHS", "GH₵250.50"),
        (75_000, "ZAR", "R750"),
        (150_050, "ZAR", "R1,500.50"),
        (250_000, "KES", "KSh 2,500"),
        (4_999, "USD", "$49.99"),
        (100_000_000, "USD", "$1,000,000"),
        (5, "NGN", "₦0.05"),
    ],
)
def test_whole_amounts_show_no_decimals_and_others_two_in_every_currency(amount, currency, shown):
    assert money_format(amount, currency) == shown


def test_an_unknown_currency_falls_back_to_its_code():
    assert money_format(1234, "EUR") == "EUR 12.34"


def test_schema_org_prices_are_plain_decimal_strings():
    assert money_decimal_string(1_500_050) == "15000.50"
    assert money_decimal_string(7) == "0.07"
