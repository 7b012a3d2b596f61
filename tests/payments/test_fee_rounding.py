"""The platform fee is PLATFORM_FEE_PERCENT of the amount, rounded half-up to a whole
minor unit with integers only; the expert gets exactly the rest."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from payments.fees import fee_split, platform_fee


@pytest.mark.parametrize(
    ("amount", "fee", "expert_share"),
    [
        (0, 0, 0),
        (1, 0, 1),  # 0.1 rounds down
        (4, 0, 4),  # 0.4 rounds down
        (5, 1, 4),  # 0.5 rounds up
        (14, 1, 13),  # 1.4 rounds down
        (15, 2, 13),  # 1.5 rounds up
        (25, 3, 22),  # 2.5 rounds up (half-up, not banker's half-even)
        (105, 11, 94),  # 10.5 rounds up
        (1_500_000, 150_000, 1_350_000),  # ₦15,000 in kobo
        (10**15 + 5, 10**14 + 1, 9 * 10**14 + 4),
    ],
)
def test_ten_percent_fee_rounds_half_up_to_a_whole_minor_unit(amount, fee, expert_share):
    split = fee_split(amount=amount, percent=10)

    assert (split.fee, split.expert_share) == (fee, expert_share)


def test_amounts_beyond_64_bits_stay_exact():
    amount = 2**70 + 5

    split = fee_split(amount=amount, percent=10)

    assert split.fee == int((Decimal(amount) / 10).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    assert split.fee + split.expert_share == amount


def test_zero_percent_leaves_everything_to_the_expert():
    assert fee_split(amount=12_345, percent=0).expert_share == 12_345


def test_hundred_percent_leaves_nothing_to_the_expert():
    split = fee_split(amount=12_345, percent=100)

    assert (split.fee, split.expert_share) == (12_345, 0)


def test_other_percentages_round_half_up_too():
    assert platform_fee(amount=10, percent=15) == 2  # 1.5
    assert platform_fee(amount=30, percent=15) == 5  # 4.5
    assert platform_fee(amount=1, percent=50) == 1  # 0.5


@given(amount=st.integers(min_value=0, max_value=10**18), percent=st.integers(min_value=0, max_value=100))
def test_split_matches_decimal_half_up_and_adds_up(amount, percent):
    expected = (Decimal(amount) * percent / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    split = fee_split(amount=amount, percent=percent)

    assert split.fee == int(expected)
    assert split.fee + split.expert_share == amount
    assert split.expert_share >= 0


@pytest.mark.parametrize(
    ("amount", "percent", "error"),
    [
        (-1, 10, ValueError),
        (100, -1, ValueError),
        (100, 101, ValueError),
        (100.0, 10, TypeError),
        (Decimal(100), 10, TypeError),
        (True, 10, TypeError),
        (100, 10.5, TypeError),
    ],
)
def test_bad_input_is_refused_instead_of_rounded(amount, percent, error):
    with pytest.raises(error):
        fee_split(amount=amount, percent=percent)
