import pytest

from accounts.errors import GoogleTokenRejected, GoogleUnavailable
from accounts.google import GoogleUserInfoClient


def test_the_client_reads_the_standard_claims(fake_google):
    fake_google.grant("tok", sub="101", email="Ada@Gmail.com", name="Ada Obi", given_name="Ada")

    info = GoogleUserInfoClient().userinfo(access_token="tok")

    assert (info.sub, info.email, info.email_verified, info.name, info.given_name) == (
        "101",
        "ada@gmail.com",
        True,
        "Ada Obi",
        "Ada",
    )


@pytest.mark.parametrize(
    "claim,expected", [(True, True), ("true", True), (False, False), ("false", False), (None, False)]
)
def test_email_verified_is_true_only_when_google_says_so(fake_google, claim, expected):
    fake_google.tokens["tok"] = {"sub": "101", "email": "ada@gmail.com", "email_verified": claim}

    assert GoogleUserInfoClient().userinfo(access_token="tok").email_verified is expected


def test_an_answer_without_a_subject_counts_as_google_misbehaving(fake_google):
    fake_google.tokens["tok"] = {"email": "ada@gmail.com"}

    with pytest.raises(GoogleUnavailable):
        GoogleUserInfoClient().userinfo(access_token="tok")


def test_an_unknown_token_is_rejected(fake_google):
    with pytest.raises(GoogleTokenRejected):
        GoogleUserInfoClient().userinfo(access_token="unknown")


def test_the_url_and_timeout_can_be_given_explicitly(fake_google, settings):
    fake_google.grant("tok", sub="1", email="a@gmail.com")
    settings.GOOGLE_USERINFO_URL = "http://127.0.0.1:9/nowhere"

    client = GoogleUserInfoClient(url=fake_google.url, timeout=2)

    assert (client.userinfo(access_token="tok").sub, client.timeout) == ("1", 2)
