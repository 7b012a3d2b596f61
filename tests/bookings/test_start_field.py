"""The ``start`` of a booking or a proposal: RFC 3339 with any offset, and an error that
names what is actually wrong with a bad one."""

import datetime as dt

import pytest
from rest_framework.exceptions import ValidationError

from scheduling.api.serializers_bookings import AwareDateTimeField


def refusal(value: str) -> str:
    with pytest.raises(ValidationError) as caught:
        AwareDateTimeField().run_validation(value)
    return str(caught.value.detail[0])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2030-01-01T09:00:00+05:45", dt.datetime(2030, 1, 1, 3, 15, tzinfo=dt.UTC)),
        ("2030-01-01T09:00:00-03:30", dt.datetime(2030, 1, 1, 12, 30, tzinfo=dt.UTC)),
        ("2030-01-01t09:00:00z", dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC)),
        ("2030-01-01T09:00:00.000Z", dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC)),
    ],
)
def test_any_offset_is_the_same_instant(value, expected):
    assert AwareDateTimeField().run_validation(value) == expected


@pytest.mark.parametrize("value", ["2030-01-01T09:00:00+24:00", "2030-01-01T09:00:00-99:00"])
def test_an_offset_out_of_range_is_named(value):
    assert refusal(value) == "The UTC offset must lie between -23:59 and +23:59."


@pytest.mark.parametrize(
    "value", ["2030-02-30T09:00:00Z", "2030-01-01T25:00:00Z", "2030-01-01T23:59:60+01:00", "2030-13-01T09:00:00Z"]
)
def test_a_date_or_time_that_does_not_exist_is_not_blamed_on_the_offset(value):
    assert refusal(value) == "That date or time does not exist."


def test_a_time_without_an_offset_is_refused_not_guessed():
    assert refusal("2030-01-01T09:00:00").startswith("Include a UTC offset")


@pytest.mark.parametrize(
    "value",
    ["2030-W01-2T09:00:00Z", "2030-01-01T09:00:00\x00Z", "20300101T090000Z", "２０３０-01-01T09:00:00Z"],
)
def test_what_python_parses_but_rfc_3339_does_not_allow_is_refused(value):
    assert refusal(value).startswith("Use RFC 3339")


@pytest.mark.parametrize("value", ["2030-01-01 09:00:00Z", "2030-01-01T09:00Z", "2030-01-01T10:00:00+0100"])
def test_a_space_for_the_t_no_seconds_or_an_offset_without_colon_are_still_taken(value):
    assert AwareDateTimeField().run_validation(value) == dt.datetime(2030, 1, 1, 9, tzinfo=dt.UTC)
