"""The calls rows of SPEC §8 (token, end, notes) answer exactly what the OpenAPI schema
at /api/schema/ describes, refusals included, so generated clients can read them."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from tests.calls.bookings import call_at, in_the_room
from tests.contract.test_schema_matches_answers import conforms, openapi  # noqa: F401

pytestmark = pytest.mark.django_db

TOKEN, END = "/api/v1/calls/{call_id}/token", "/api/v1/calls/{call_id}/end"
NOTES, NOTE = "/api/v1/calls/{call_id}/notes", "/api/v1/calls/{call_id}/notes/{note_id}"


def test_token_and_end_answers_are_in_the_schema(
    openapi,  # noqa: F811
    api_as,
    livekit_settings,
    bob_call,
    alice_client,
    bob_expert,
    dave_client,
):
    alice, bob = api_as(alice_client), api_as(bob_expert)
    base = f"/api/v1/calls/{bob_call.call_id}"
    early = call_at(bob_call, timezone.now() + dt.timedelta(hours=1))
    answers = [
        ("post", TOKEN, alice.post(f"{base}/token")),  # 409 call_not_open
        ("post", END, bob.post(f"{base}/end")),  # 409: before the call's start
        ("post", TOKEN, api_as(dave_client).post(f"{base}/token")),  # 404
        ("post", TOKEN, APIClient().post(f"{base}/token")),  # 401
    ]
    live = in_the_room(call_at(early, timezone.now() - dt.timedelta(minutes=5)))
    answers += [
        ("post", TOKEN, bob.post(f"{base}/token")),  # 200
        ("post", END, alice.post(f"{base}/end")),  # 200
        ("post", END, bob.post(f"{base}/end")),  # 409 illegal_transition
    ]
    call_at(live, timezone.now() + dt.timedelta(minutes=5))
    answers.append(("post", TOKEN, alice.post(f"{base}/token")))  # 409: the call has ended
    assert [answer.status_code for *_where, answer in answers] == [409, 409, 404, 401, 200, 200, 409, 409]
    for method, path, answer in answers:
        conforms(openapi, answer, method, path)


def test_notes_answers_are_in_the_schema(openapi, api_as, bob_call, alice_client, bob_expert):  # noqa: F811
    bob = api_as(bob_expert)
    base = f"/api/v1/calls/{bob_call.call_id}/notes"
    answers = [("post", NOTES, bob.post(base, {"body": "Too early"}, format="json"))]  # 409 notes_not_open
    call_at(bob_call, timezone.now() - dt.timedelta(minutes=5))
    created = bob.post(base, {"body": "Follow up in March."}, format="json")
    note = f"{base}/{created.json()['id']}"
    answers += [
        ("post", NOTES, created),  # 201
        ("post", NOTES, bob.post(base, {"body": "   "}, format="json")),  # 400
        ("get", NOTES, bob.get(base)),  # 200
        ("get", NOTES, api_as(alice_client).get(base)),  # 404: the client never sees them
        ("get", NOTE, bob.get(note)),  # 200
        ("patch", NOTE, bob.patch(note, {"body": "Follow up in April."}, format="json")),  # 200
        ("patch", NOTE, bob.patch(note, {"body": ["x"]}, format="json")),  # 400
        ("patch", NOTE, api_as(alice_client).patch(note, {"body": "Mine now"}, format="json")),  # 404
        ("delete", NOTE, bob.delete(note)),  # 204
        ("delete", NOTE, bob.delete(note)),  # 404
    ]
    statuses = [answer.status_code for *_where, answer in answers]
    assert statuses == [409, 201, 400, 200, 404, 200, 200, 400, 404, 204, 404]
    for method, path, answer in answers:
        if answer.status_code != 204:
            conforms(openapi, answer, method, path)
        else:
            assert "204" in openapi["paths"][path][method]["responses"]
