"""The private feed address under the requests calendar apps, link checkers and guessers
send: HEAD, made-up tokens, revoked ones."""

import pytest

from calendars.services import feed_revoke, feed_token_regenerate

pytestmark = pytest.mark.django_db


def test_head_answers_like_get_without_a_body(client, alice_client):
    token = feed_token_regenerate(user=alice_client).token

    response = client.head(f"/calendar/feed/{token}.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8" and response.content == b""


def test_a_revoked_address_is_gone_for_head_and_get(client, alice_client):
    token = feed_token_regenerate(user=alice_client).token
    feed_revoke(user=alice_client)

    assert client.head(f"/calendar/feed/{token}.ics").status_code == 404
    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404


@pytest.mark.parametrize("token", ["%00", "a%00b", "%C2%B2", "x" * 65, "..", "%20"])
def test_made_up_tokens_are_not_found(client, alice_client, token):
    feed_token_regenerate(user=alice_client)

    assert client.get(f"/calendar/feed/{token}.ics").status_code == 404
