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


@pytest.mark.parametrize(
    "sub",
    [None, "", "   ", {"id": "1"}, ["1"], True, "a\x00b", "x" * 192],
    ids=["null", "empty", "blank", "object", "list", "bool", "nul", "longer-than-uid-column"],
)
def test_a_subject_that_cannot_be_an_account_id_counts_as_google_misbehaving(fake_google, sub):
    # str(None) == "None": every such answer would otherwise share one account id.
    fake_google.tokens["tok"] = {"sub": sub, "email": "ada@gmail.com", "email_verified": True}

    with pytest.raises(GoogleUnavailable):
        GoogleUserInfoClient().userinfo(access_token="tok")


def test_a_numeric_subject_is_read_as_its_digits(fake_google):
    fake_google.tokens["tok"] = {"sub": 110248495921238986420, "email": "ada@gmail.com"}

    assert GoogleUserInfoClient().userinfo(access_token="tok").sub == "110248495921238986420"


@pytest.mark.parametrize(
    "email",
    ["not-an-email", ["ada@gmail.com"], 42, "ada\x00@gmail.com", "a" * 250 + "@gmail.com"],
    ids=["no-at", "list", "number", "nul", "longer-than-254"],
)
def test_an_email_claim_that_is_no_address_counts_as_google_misbehaving(fake_google, email):
    fake_google.tokens["tok"] = {"sub": "101", "email": email, "email_verified": True}

    with pytest.raises(GoogleUnavailable):
        GoogleUserInfoClient().userinfo(access_token="tok")


def test_name_claims_lose_nul_characters_and_non_text_values(fake_google):
    fake_google.tokens["tok"] = {
        "sub": "101",
        "email": "ada@gmail.com",
        "name": "Ada\x00 Obi",
        "given_name": {"text": "Ada"},
        "picture": "https://lh3.googleusercontent.com/a\x00",
    }

    info = GoogleUserInfoClient().userinfo(access_token="tok")

    assert (info.name, info.given_name, info.picture) == ("Ada Obi", "", "https://lh3.googleusercontent.com/a")
