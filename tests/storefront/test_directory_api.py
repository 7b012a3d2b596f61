"""``GET /api/v1/experts`` and ``/api/v1/experts/{id}``: search, filters, sort, pages."""

import pytest
from django.test import override_settings

from accounts.services import user_deactivate
from accounts.storefront.services import expert_hide, expert_profile_update
from accounts.storefront.services_areas import area_update
from tests.storefront.helpers import add_area, category, expert, listed_expert

pytestmark = pytest.mark.django_db

PUBLIC_FIELDS = {
    "id", "slug", "url", "display_name", "headline", "bio", "bio_html", "photo_url", "languages", "categories",
    "currency", "timezone", "years_experience", "social_links", "from_price", "areas", "rating", "next_slot",
}  # fmt: skip


def _names(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [item["display_name"] for item in response.json()["results"]]


@pytest.fixture
def people(db):
    for name in ("Law", "Careers", "Tech"):
        category(name)
    return {
        "ada": listed_expert(
            "Ada Obi", headline="Immigration lawyer", bio="Visas and residence permits.", categories=["law"],
            languages=["en", "yo"], areas=(("Student visa interview", 1_500_000), ("Work permit", 4_000_000)),
        ),
        "kofi": listed_expert(
            "Kofi Mensah", headline="Software engineer", bio="Backend systems, hiring and careers in tech.",
            categories=["tech", "careers"], languages=["en", "tw"], currency="GHS",
            areas=(("System design interview", 50_000),),
        ),
        "thandi": listed_expert(
            "Thandi Nkosi", headline="Career coach", bio="Changing careers after thirty.", categories=["careers"],
            languages=["en", "zu"], currency="ZAR", areas=(("Career change plan", 90_000),),
        ),
    }  # fmt: skip


def test_results_carry_only_public_fields(api, people):
    results = api.get("/api/v1/experts").json()["results"]
    assert len(results) == 3
    for item in results:
        assert set(item) == PUBLIC_FIELDS
        assert item["rating"] is None
        assert "email" not in str(item) and "min_notice_minutes" not in item
        for area in item["areas"]:
            assert set(area) == {"id", "title", "description", "duration_minutes", "price", "currency"}


@override_settings(SITE_URL="https://procusmeet.example")
def test_the_detail_is_the_public_profile_with_its_active_areas(api, people):
    ada = people["ada"]
    paused = add_area(ada, title="Paused", price=100)
    area_update(area=paused, active=False)
    body = api.get(f"/api/v1/experts/{ada.pk}").json()
    assert set(body) == PUBLIC_FIELDS
    assert body["url"] == f"https://procusmeet.example/experts/{ada.slug}/"
    assert [a["title"] for a in body["areas"]] == ["Student visa interview", "Work permit"]
    assert body["from_price"] == 1_500_000
    assert body["categories"] == ["law"]


def test_search_matches_name_headline_bio_and_area_titles(api, people):
    assert _names(api.get("/api/v1/experts", {"q": "kofi"})) == ["Kofi Mensah"]
    assert _names(api.get("/api/v1/experts", {"q": "lawyer"})) == ["Ada Obi"]
    assert _names(api.get("/api/v1/experts", {"q": "residence permits"})) == ["Ada Obi"]
    assert _names(api.get("/api/v1/experts", {"q": "system design"})) == ["Kofi Mensah"]
    assert _names(api.get("/api/v1/experts", {"q": "nothing-like-this"})) == []


def test_the_last_word_matches_as_a_prefix_for_live_search(api, people):
    assert _names(api.get("/api/v1/experts", {"q": "immigr"})) == ["Ada Obi"]


def test_stemming_finds_other_forms_of_a_word(api, people):
    assert set(_names(api.get("/api/v1/experts", {"q": "careers"}))) == {"Kofi Mensah", "Thandi Nkosi"}
    assert set(_names(api.get("/api/v1/experts", {"q": "career "}))) == {"Kofi Mensah", "Thandi Nkosi"}


def test_relevance_puts_name_and_headline_matches_before_bio_matches(api, people):
    # "career" is Thandi's headline and area title, only Kofi's bio.
    assert _names(api.get("/api/v1/experts", {"q": "career", "sort": "relevance"})) == ["Thandi Nkosi", "Kofi Mensah"]


def test_query_punctuation_is_not_an_error(api, people):
    assert _names(api.get("/api/v1/experts", {"q": "lawyer & | ! ( ) :* '"})) == ["Ada Obi"]
    assert _names(api.get("/api/v1/experts", {"q": "!!!"})) == _names(api.get("/api/v1/experts"))


def test_the_search_index_follows_profile_and_area_changes(api, people):
    kofi = people["kofi"]
    expert_profile_update(profile=kofi, headline="Mobile developer")
    assert _names(api.get("/api/v1/experts", {"q": "mobile"})) == ["Kofi Mensah"]
    add_area(kofi, title="Flutter code review", price=60_000)
    assert _names(api.get("/api/v1/experts", {"q": "flutter"})) == ["Kofi Mensah"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"category": "careers"}, {"Kofi Mensah", "Thandi Nkosi"}),
        ({"category": "law"}, {"Ada Obi"}),
        ({"category": "unknown"}, set()),
        ({"language": "yo"}, {"Ada Obi"}),
        ({"language": "en"}, {"Ada Obi", "Kofi Mensah", "Thandi Nkosi"}),
        ({"currency": "ZAR"}, {"Thandi Nkosi"}),
        ({"min_price": 2_000_000}, {"Ada Obi"}),
        ({"max_price": 60_000}, {"Kofi Mensah"}),
        ({"min_price": 80_000, "max_price": 100_000}, {"Thandi Nkosi"}),
        ({"min_price": 2_000_000, "max_price": 3_000_000}, set()),
        ({"category": "careers", "currency": "GHS", "q": "backend"}, {"Kofi Mensah"}),
    ],
)
def test_filters(api, people, params, expected):
    assert set(_names(api.get("/api/v1/experts", params))) == expected


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"language": "klingon"}, "language"),
        ({"currency": "EUR"}, "currency"),
        ({"min_price": "cheap"}, "min_price"),
        ({"max_price": -1}, "max_price"),
        ({"min_price": 500, "max_price": 100}, "max_price"),
        ({"sort": "random"}, "sort"),
        ({"q": "x" * 101}, "q"),
        ({"category": "not a slug"}, "category"),
    ],
)
def test_bad_parameters_are_400_with_field_errors(api, people, params, field):
    response = api.get("/api/v1/experts", params)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_sort_by_price_uses_the_lowest_active_area(api, people):
    assert _names(api.get("/api/v1/experts", {"sort": "price"})) == ["Kofi Mensah", "Thandi Nkosi", "Ada Obi"]
    add_area(people["ada"], title="Quick question", price=1_000)
    assert _names(api.get("/api/v1/experts", {"sort": "price"}))[0] == "Ada Obi"


def test_newest_first_by_default(api, people):
    assert _names(api.get("/api/v1/experts")) == ["Thandi Nkosi", "Kofi Mensah", "Ada Obi"]
    assert _names(api.get("/api/v1/experts", {"sort": "newest"})) == ["Thandi Nkosi", "Kofi Mensah", "Ada Obi"]


def test_pagination(api, people):
    first = api.get("/api/v1/experts", {"page_size": 2}).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["previous"] is None
    second = api.get(first["next"]).json()
    assert [r["display_name"] for r in second["results"]] == ["Ada Obi"] and second["next"] is None
    assert api.get("/api/v1/experts", {"page": 9}).status_code == 404


def test_experts_without_an_active_area_or_availability_or_hidden_are_not_listed(api, people):
    expert("No Area Yet")
    no_hours = expert("No Hours Yet")
    add_area(no_hours)
    expert_hide(profile=people["kofi"])
    user_deactivate(user=people["thandi"].user)
    area_update(area=people["ada"].areas.get(title="Work permit"), active=False)
    assert _names(api.get("/api/v1/experts")) == ["Ada Obi"]
    for area in people["ada"].areas.all():
        area_update(area=area, active=False)
    assert _names(api.get("/api/v1/experts")) == []


def test_the_detail_of_a_hidden_or_deactivated_expert_is_404(api, people):
    expert_hide(profile=people["kofi"])
    user_deactivate(user=people["thandi"].user)
    assert api.get(f"/api/v1/experts/{people['kofi'].pk}").status_code == 404
    assert api.get(f"/api/v1/experts/{people['thandi'].pk}").status_code == 404
    assert api.get("/api/v1/experts/999999").status_code == 404


def test_the_directory_ignores_credentials(api, people):
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert api.get("/api/v1/experts").status_code == 200
