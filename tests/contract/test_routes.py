"""Every route of the SPEC §8 table, as written: who may call it, which methods it
answers, and that anything else is a JSON error in the one error shape, never a 500.

Each test walks the whole table (``each`` names every route that fails)."""

import pytest

from tests.contract.conftest import each, error_of, field_errors, outside_client

pytestmark = pytest.mark.django_db

ANYONE, USER, EXPERT = "anyone", "user", "expert"
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
N = 999_999  # an id nobody has

# path → (who may call it, the methods it answers). Ids that exist nowhere: the checks
# here all happen before an object is looked up.
ROUTES = {
    "/api/v1/auth/register": (ANYONE, {"POST"}),
    "/api/v1/auth/login": (ANYONE, {"POST"}),
    "/api/v1/auth/refresh": (ANYONE, {"POST"}),
    "/api/v1/auth/google": (ANYONE, {"POST"}),
    "/api/v1/auth/logout": (USER, {"POST"}),
    "/api/v1/auth/logout-all": (USER, {"POST"}),
    "/api/v1/auth/sessions": (USER, {"GET"}),
    f"/api/v1/auth/sessions/{N}": (USER, {"DELETE"}),
    "/api/v1/me": (USER, {"GET", "PATCH"}),
    "/api/v1/expert/areas": (EXPERT, {"GET", "POST"}),
    f"/api/v1/expert/areas/{N}": (EXPERT, {"PATCH", "DELETE"}),
    "/api/v1/expert/availability": (EXPERT, {"GET", "PUT"}),
    "/api/v1/expert/overrides": (EXPERT, {"GET", "POST"}),
    f"/api/v1/expert/overrides/{N}": (EXPERT, {"DELETE"}),
    "/api/v1/experts": (ANYONE, {"GET"}),
    f"/api/v1/experts/{N}": (ANYONE, {"GET"}),
    f"/api/v1/experts/{N}/slots": (ANYONE, {"GET"}),
    f"/api/v1/experts/{N}/reviews": (ANYONE, {"GET"}),
    "/api/v1/bookings": (USER, {"GET", "POST"}),
    f"/api/v1/bookings/{N}": (USER, {"GET"}),
    f"/api/v1/bookings/{N}/accept": (USER, {"POST"}),
    f"/api/v1/bookings/{N}/decline": (USER, {"POST"}),
    f"/api/v1/bookings/{N}/cancel": (USER, {"POST"}),
    f"/api/v1/bookings/{N}/reschedule": (USER, {"POST"}),
    f"/api/v1/bookings/{N}/reschedule/accept": (USER, {"POST"}),
    f"/api/v1/bookings/{N}/reschedule/decline": (USER, {"POST"}),
    f"/api/v1/bookings/{N}/review": (USER, {"GET", "POST", "PATCH"}),
    f"/api/v1/calls/{N}/token": (USER, {"POST"}),
    f"/api/v1/calls/{N}/end": (USER, {"POST"}),
    f"/api/v1/calls/{N}/notes": (USER, {"GET", "POST"}),
    f"/api/v1/calls/{N}/notes/{N}": (USER, {"GET", "PATCH", "DELETE"}),
    "/api/v1/notifications": (USER, {"GET"}),
    f"/api/v1/notifications/{N}/read": (USER, {"POST"}),
    "/api/v1/notifications/read-all": (USER, {"POST"}),
    "/api/v1/notifications/stream": (USER, {"GET"}),
    "/api/v1/payments": (USER, {"GET"}),
    "/api/v1/balance": (EXPERT, {"GET"}),
    "/api/v1/payouts": (EXPERT, {"GET", "POST"}),
    "/api/v1/bank-account": (EXPERT, {"GET", "PUT"}),
    "/api/v1/webhooks/paystack": (ANYONE, {"POST"}),
    "/api/v1/webhooks/livekit": (ANYONE, {"POST"}),
}
PRIVATE = [(method, path) for path, (who, methods) in ROUTES.items() if who != ANYONE for method in sorted(methods)]
WRONG_METHODS = [(method, path) for path, (_, methods) in ROUTES.items() for method in METHODS if method not in methods]
# Routes that read a JSON object body (the bare-action routes ignore any body).
BODIES = [
    (method, path)
    for path, (who, methods) in ROUTES.items()
    for method in sorted(methods & {"POST", "PUT", "PATCH"})
    if str(N) not in path and "webhooks" not in path and not path.endswith(("logout-all", "read-all"))
]


@pytest.fixture
def as_role(alice_client, bob_expert):
    """A client of a role that may call the route (a client where anyone may)."""
    alice = outside_client(alice_client)
    clients = {EXPERT: outside_client(bob_expert), USER: alice, ANYONE: alice}
    return lambda path: clients[ROUTES[path][0]]


def call(client, method: str, path: str, **kwargs):
    return getattr(client, method.lower())(path, **kwargs)


def test_without_a_token_every_private_route_is_401():
    def check(method, path):
        response = call(outside_client(), method, path, data={}, format="json")
        error_of(response, 401)
        assert response["WWW-Authenticate"].startswith("Bearer")

    each(PRIVATE, check)


def test_a_forged_token_is_401_everywhere():
    client = outside_client()
    client.credentials(HTTP_AUTHORIZATION="Bearer not.a.token")

    each(PRIVATE, lambda method, path: error_of(call(client, method, path, data={}, format="json"), 401))


def test_a_client_on_an_expert_route_is_403(alice_client):
    client = outside_client(alice_client)
    expert_routes = [(method, path) for method, path in PRIVATE if ROUTES[path][0] == EXPERT]

    each(expert_routes, lambda method, path: error_of(call(client, method, path, data={}, format="json"), 403))


def test_an_expert_cannot_book(bob_expert):
    error_of(outside_client(bob_expert).post("/api/v1/bookings", {}, format="json"), 403)


def test_a_method_a_route_does_not_answer_is_405_naming_the_allowed_ones(as_role):
    def check(method, path):
        response = call(as_role(path), method, path, data={}, format="json")
        error_of(response, 405)
        allowed = {name.strip() for name in response["Allow"].split(",")}
        assert ROUTES[path][1] <= allowed, allowed

    each(WRONG_METHODS, check)


def test_a_trailing_slash_is_a_json_404_that_names_the_real_path(as_role):
    def check(method, path):
        response = call(as_role(path), method, f"{path}/", data={}, format="json")
        assert path in error_of(response, 404, "not_found")["message"]

    each([(method, path) for path in ROUTES for method in ("GET", "POST", "DELETE")], check)


def test_the_schema_and_docs_without_their_slash_point_to_it():
    for path in ("/api/schema", "/api/docs"):
        assert f"{path}/" in error_of(outside_client().get(path), 404)["message"]


def test_an_unknown_api_path_is_a_json_404_for_any_method():
    paths = ["/api/v1/nothing-here", "/api/v2/bookings", "/api/v1/bookings/abc"]

    each(
        [(m, p) for p in paths for m in METHODS], lambda m, p: error_of(call(outside_client(), m, p), 404, "not_found")
    )


def test_malformed_json_is_a_400(as_role):
    def check(method, path):
        response = call(as_role(path), method, path, data='{"a": ', content_type="application/json")
        error_of(response, 400, "parse_error")

    each(BODIES, check)


def test_json_nested_too_deeply_is_a_400_not_a_crash(as_role):
    body = "[" * 100_000 + "]" * 100_000

    def check(method, path):
        error_of(call(as_role(path), method, path, data=body, content_type="application/json"), 400, "parse_error")

    each(BODIES, check)


def test_a_body_that_is_not_an_object_is_a_field_error(as_role):
    each(BODIES, lambda m, p: field_errors(call(as_role(p), m, p, data="[1, 2]", content_type="application/json")))


def test_a_body_that_is_not_json_is_a_415(as_role):
    each(BODIES, lambda m, p: error_of(call(as_role(p), m, p, data="a=1", content_type="text/plain"), 415))


def test_a_page_that_is_not_a_whole_number_from_1_is_a_field_error(alice_client):
    client = outside_client(alice_client)
    cases = [
        (path, page)
        for path in ("/api/v1/bookings", "/api/v1/payments", "/api/v1/notifications")
        for page in ("abc", "0", "-1", "1.5", "²", "٣")
    ]

    each(cases, lambda path, page: field_errors(client.get(path, {"page": page}))["page"])
    assert "page" in field_errors(outside_client().get("/api/v1/experts", {"page": "x"}))


def test_a_page_past_the_end_is_a_404(alice_client):
    error_of(outside_client(alice_client).get("/api/v1/bookings", {"page": 99}), 404)


def test_ids_too_large_for_the_database_are_404(alice_client, bob_expert):
    client, expert, huge = outside_client(alice_client), outside_client(bob_expert), "99999999999999999999999"
    cases = [
        (client, "get", f"/api/v1/bookings/{huge}"),
        (client, "post", f"/api/v1/bookings/{huge}/cancel"),
        (client, "post", f"/api/v1/calls/{huge}/token"),
        (client, "post", f"/api/v1/notifications/{huge}/read"),
        (client, "delete", f"/api/v1/auth/sessions/{huge}"),
        (expert, "patch", f"/api/v1/expert/areas/{huge}"),
        (expert, "delete", f"/api/v1/expert/overrides/{huge}"),
        (outside_client(), "get", f"/api/v1/experts/{huge}"),
        (outside_client(), "get", f"/api/v1/experts/{huge}/reviews"),
    ]

    each(cases, lambda who, method, path: error_of(call(who, method, path, data={"price": 100}, format="json"), 404))
