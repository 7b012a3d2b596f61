"""What the directory reads per expert: the search vector stays in PostgreSQL."""

import pytest

from accounts.storefront.selectors import DirectoryFilters, expert_public_get, experts_directory
from tests.storefront.helpers import listed_expert

pytestmark = pytest.mark.django_db


def test_the_search_vector_is_matched_and_ranked_but_never_fetched(api):
    ada = listed_expert("Ada Obi", headline="Immigration lawyer", bio="Visas and permits. " * 200)
    listed_expert("Kofi Mensah", headline="Engineer")

    found = list(experts_directory(filters=DirectoryFilters(q="visa")))
    assert [profile.pk for profile in found] == [ada.pk]
    assert found[0].get_deferred_fields() == {"search_vector"}
    assert expert_public_get(pk=ada.pk).get_deferred_fields() == {"search_vector"}
    assert [item["id"] for item in api.get("/api/v1/experts", {"q": "visa"}).json()["results"]] == [ada.pk]


def test_a_non_numeric_or_unknown_expert_id_is_a_json_404(api):
    for path in ("/api/v1/experts/abc", "/api/v1/experts/0", "/api/v1/experts/999999"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found", path
