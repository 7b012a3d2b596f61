"""The SSE stream in the OpenAPI schema: it is an async Django view, which
drf-spectacular does not discover, so a post-processing hook describes it."""

STREAM_PATH = "/api/v1/notifications/stream"

_DESCRIPTION = """Server-Sent Events (`text/event-stream`) of your notifications, in real time.

Each new notification is one event: `id: <notification id>`, `event: notification`,
`data: {"id", "kind", "title", "body", "url", "created_at", "read", "unread_count"}`.
A read elsewhere sends `event: unread` with `data: {"unread_count": n}` (also sent first on
connecting); an idle stream gets a `: ping` comment every 15 seconds. Reconnect with the
`Last-Event-ID` header (browsers' `EventSource` does it by itself) to get exactly what you
missed; `?after=<id>` does the same on a first connection. A stream ends after 10 minutes
or when its access token expires; reconnect. At most 5 streams per user are open at once."""


def _error(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def stream_path_add(result, generator, request, public):
    result.setdefault("paths", {})[STREAM_PATH] = {
        "get": {
            "operationId": "notifications_stream",
            "tags": ["notifications"],
            "description": _DESCRIPTION,
            "parameters": [
                {"name": "Last-Event-ID", "in": "header", "required": False, "schema": {"type": "string"}},
                {"name": "after", "in": "query", "required": False, "schema": {"type": "integer"}},
            ],
            "security": [{"jwtAuth": []}, {"cookieAuth": []}],
            "responses": {
                "200": {"description": "The event stream.", "content": {"text/event-stream": {"schema": {"type": "string"}}}},
                "401": _error("Not signed in, or the token is invalid or expired."),
                "429": _error("Too many open streams for this user."),
            },
        }
    }
    return result
