"""A test URLconf for the browser tests: the lobby and call partials rendered inside
base.html with chosen data attributes, a token endpoint whose answer each test sets,
and the whole site behind them (base.html links to its pages)."""

import threading
from dataclasses import dataclass, field
from datetime import timedelta

from django.http import HttpResponse, JsonResponse
from django.template import engines
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from procusmeet.urls import urlpatterns as site_urlpatterns

PAGE = """{% extends "base.html" %}
{% block head %}{% include "calls/_head.html" %}{% endblock %}
{% block content %}<h1>{{ title }}</h1>{% include partial %}{% endblock %}"""


@dataclass
class TokenEndpoint:
    """What POST /harness/token/ answers; the live server thread reads it, tests set it."""

    status: int = 503
    body: dict = field(default_factory=dict)
    calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self, status: int, body: dict) -> None:
        with self.lock:
            self.status, self.body, self.calls = status, body, 0


TOKEN_ENDPOINT = TokenEndpoint()


def _render(request, partial: str, title: str, context: dict):
    html = engines["django"].from_string(PAGE).render({"partial": partial, "title": title, **context}, request)
    return HttpResponse(html)


def _window(request) -> dict:
    """Window bounds are seconds from now: ?opens_in=-60&starts_in=540&ends_in=3600."""
    now = timezone.now()

    def after(name: str, default: int):
        return now + timedelta(seconds=int(request.GET.get(name, default)))

    return {"join_opens_at": after("opens_in", -60), "starts_at": after("starts_in", 540), "ends_at": after("ends_in", 3600)}


def lobby(request):
    context = {**_window(request), "call_url": "/harness/call/"}
    return _render(request, "calls/_lobby_body.html", "Lobby", context)


def call(request):
    """Inside its join window unless the query moves it (as for the lobby)."""
    context = {
        **_window(request),
        "zone": "Africa/Lagos",
        "token_url": "/harness/token/",
        # No LiveKit server exists here, so the call is never live and End never shows.
        "end_url": "",
        "lobby_url": "/harness/lobby/",
        "done_url": "/",
    }
    return _render(request, "calls/_call_body.html", "Call", context)


@require_POST
def token(request):
    with TOKEN_ENDPOINT.lock:
        TOKEN_ENDPOINT.calls += 1
        return JsonResponse(TOKEN_ENDPOINT.body, status=TOKEN_ENDPOINT.status)


urlpatterns = [
    path("harness/lobby/", lobby),
    path("harness/call/", call),
    path("harness/token/", token),
    *site_urlpatterns,
]
