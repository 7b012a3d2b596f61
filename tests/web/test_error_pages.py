import re

import pytest
from django.db import OperationalError
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

ERROR_TEMPLATES = ["errors/400.html", "errors/403.html", "errors/404.html", "errors/429.html", "errors/500.html", "errors/503.html"]


def _database_is_down():
    raise OperationalError("database unreachable")


@pytest.mark.django_db
@pytest.mark.parametrize("template", ERROR_TEMPLATES)
def test_error_pages_render_without_touching_the_user_or_the_database(template, django_assert_num_queries):
    request = RequestFactory().get("/somewhere/")
    request.user = SimpleLazyObject(_database_is_down)

    with django_assert_num_queries(0):
        html = render_to_string(template, {"message": "Calm message"}, request=request)

    assert "<main id=\"main\"" in html and 'href="/"' in html


@pytest.mark.django_db
def test_a_missing_page_is_a_friendly_404_with_next_steps(client):
    response = client.get("/no-such-page/")

    body = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page." in body
    assert 'href="/experts/"' in body


def test_a_refusal_explained_by_our_code_shows_its_reason_on_the_403_page(client, alice_client):
    client.force_login(alice_client)

    response = client.get("/dashboard/")

    body = response.content.decode()
    assert response.status_code == 403
    assert "The dashboard is for experts." in body
    assert "You do not have permission to do that." not in body


@pytest.mark.django_db
def test_a_refusal_from_django_itself_never_shows_its_internal_message(client, settings):
    settings.DISALLOWED_USER_AGENTS = [re.compile(r"^BadBot")]

    response = client.get("/", HTTP_USER_AGENT="BadBot/1.0")

    body = response.content.decode()
    assert response.status_code == 403
    assert "Forbidden user agent" not in body
    assert "You do not have permission to do that." in body
