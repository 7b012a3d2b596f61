"""``/experts/``: the directory page, its HTMX live search and its query budget."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.storefront.helpers import category, listed_expert

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def experts(db):
    category("Law")
    category("Tech")
    return [
        listed_expert("Ada Obi", headline="Immigration lawyer", categories=["law"], languages=["en", "yo"]),
        listed_expert("Kofi Mensah", headline="Software engineer", categories=["tech"], currency="GHS",
                      areas=(("Code review", 80_000),)),
    ]  # fmt: skip


def test_the_page_lists_experts_with_their_from_price(client, experts):
    html = client.get("/experts/").content.decode()
    assert "Ada Obi" in html and "Kofi Mensah" in html
    assert "From <strong>₦15,000</strong>" in html and "From <strong>GH₵800</strong>" in html
    assert 'hx-push-url="true"' in html and 'hx-get="/experts/"' in html
    assert "2 experts" in html


def test_live_search_returns_only_the_results_block(client, experts):
    response = client.get("/experts/", {"q": "lawyer"}, **HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html
    assert "Ada Obi" in html and "Kofi Mensah" not in html
    assert "1 expert" in html


def test_filters_on_the_page_take_whole_currency_units(client, experts):
    html = client.get("/experts/", {"min_price": "10000"}).content.decode()  # ₦10,000 = 1,000,000 kobo
    assert "Ada Obi" in html and "Kofi Mensah" not in html
    html = client.get("/experts/", {"category": "tech"}).content.decode()
    assert "Kofi Mensah" in html and "Ada Obi" not in html


def test_a_shared_url_shows_the_same_results_and_keeps_the_inputs(client, experts):
    html = client.get("/experts/", {"q": "software", "currency": "GHS"}).content.decode()
    assert 'value="software"' in html
    assert '<option value="GHS" selected>' in html
    assert "Kofi Mensah" in html and "Ada Obi" not in html


def test_bad_filters_are_explained_and_the_rest_still_applies(client, experts):
    response = client.get("/experts/", {"q": "lawyer", "min_price": "lots"})
    assert response.status_code == 200
    assert response.context["form"].errors["min_price"]
    html = response.content.decode()
    assert "Ada Obi" in html and "Kofi Mensah" not in html


def test_pagination_links_keep_the_query(client, db):
    for n in range(21):
        listed_expert(f"Person {n:02d}", headline="Tax adviser")
    html = client.get("/experts/", {"q": "tax"}).content.decode()
    assert "21 experts" in html and "Page 1 of 2" in html
    assert 'href="?q=tax&amp;page=2"' in html
    second = client.get("/experts/", {"q": "tax", "page": "2"}, **HTMX).content.decode()
    assert "Page 2 of 2" in second and second.count('<li class="expert-card card">') == 1


def test_an_empty_directory_says_so(client, db):
    assert "No experts are listed yet" in client.get("/experts/").content.decode()
    assert "No expert matches" in client.get("/experts/", {"q": "zzz"}).content.decode()


def _queries(callable_) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = callable_()
    assert response.status_code == 200
    return len(captured)


# Each page's next free slots on a cold cache: availability, calls, external calendars.
NEXT_SLOT_QUERIES = 3


@pytest.mark.parametrize("size", [5, 20])
def test_the_query_count_does_not_grow_with_the_page(client, api, db, size, django_assert_num_queries):
    category("Law")
    for n in range(size):
        listed_expert(f"Lawyer {n}", categories=["law"], languages=["en"], areas=(("A", 100 + n), ("B", 200 + n)))
    # count, page, categories, active areas (+ the category list of the side panel on full pages)
    with django_assert_num_queries(4 + NEXT_SLOT_QUERIES):
        assert len(api.get("/api/v1/experts", {"q": "lawyer", "page_size": size}).json()["results"]) == size
    with django_assert_num_queries(4):  # the next free slots now come from the cache
        api.get("/api/v1/experts", {"q": "lawyer", "page_size": size})
    cache.clear()
    with django_assert_num_queries(4 + NEXT_SLOT_QUERIES):
        client.get("/experts/", {"q": "lawyer", "category": "law"}, **HTMX)
    cache.clear()
    with django_assert_num_queries(5 + NEXT_SLOT_QUERIES):
        client.get("/experts/")
    cache.clear()
    with django_assert_num_queries(4 + NEXT_SLOT_QUERIES):  # the profile: + latest reviews, its next free times
        client.get("/experts/lawyer-0/")


@pytest.mark.parametrize("size", [5, 20])
def test_the_available_this_week_filter_costs_no_query_per_expert(client, api, db, size, django_assert_num_queries):
    for n in range(size):
        listed_expert(f"Lawyer {n}", areas=(("A", 100 + n), ("B", 200 + n)))
    with django_assert_num_queries(4 + NEXT_SLOT_QUERIES):
        response = api.get("/api/v1/experts", {"available": "week", "page_size": size})
    assert len(response.json()["results"]) == size
    cache.clear()
    with django_assert_num_queries(5 + NEXT_SLOT_QUERIES):
        client.get("/experts/", {"available": "week"})
    cache.clear()
    with django_assert_num_queries(3 + NEXT_SLOT_QUERIES):  # the detail: expert, categories, areas
        client.get(f"/api/v1/experts/{response.json()['results'][0]['id']}")
