"""Numeric settings read from the environment stop the start-up when they make no sense,
naming the variable, instead of failing on the first request that uses them."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from procusmeet.env import env_int
from tests.infra.project import clean_env, run_manage


def test_an_unset_number_takes_its_default(monkeypatch):
    monkeypatch.delenv("PROCUSMEET_TEST_NUMBER", raising=False)
    assert env_int("PROCUSMEET_TEST_NUMBER", 7, minimum=1) == 7


@pytest.mark.parametrize(("raw", "message"), [("0", "at least 1"), ("-5", "at least 1"), ("ten", "a whole number")])
def test_a_number_out_of_bounds_or_not_a_number_names_the_variable(monkeypatch, raw, message):
    monkeypatch.setenv("PROCUSMEET_TEST_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured, match=f"PROCUSMEET_TEST_NUMBER must be {message}"):
        env_int("PROCUSMEET_TEST_NUMBER", 7, minimum=1)


def test_bounds_are_inclusive(monkeypatch):
    monkeypatch.setenv("PROCUSMEET_TEST_NUMBER", "100")
    assert env_int("PROCUSMEET_TEST_NUMBER", 10, minimum=0, maximum=100) == 100
    monkeypatch.setenv("PROCUSMEET_TEST_NUMBER", "101")
    with pytest.raises(ImproperlyConfigured, match="between 0 and 100"):
        env_int("PROCUSMEET_TEST_NUMBER", 10, minimum=0, maximum=100)


def test_a_zero_call_token_lifetime_stops_the_start_up():
    result = run_manage(["check"], clean_env(LIVEKIT_TOKEN_TTL_MINUTES="0"))
    assert result.returncode != 0
    assert "LIVEKIT_TOKEN_TTL_MINUTES must be at least 1, not 0." in result.stderr
