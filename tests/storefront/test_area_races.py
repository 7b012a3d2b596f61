"""An area removed by a concurrent request (a double-clicked "Delete", two tabs) between
the view's lookup and the service's row lock: never a 500."""

import pytest
from django.http import Http404

from accounts.api.storefront import AreaDetailApi
from accounts.models import ExpertArea
from accounts.storefront import views_manage
from accounts.storefront.errors import AreaNotFound
from accounts.storefront.services_areas import area_delete, area_update
from tests.storefront.helpers import add_area

pytestmark = pytest.mark.django_db


def _deleted_meanwhile(area: ExpertArea) -> ExpertArea:
    """The caller's copy of an area whose row another request has just deleted."""
    ExpertArea.objects.filter(pk=area.pk).delete()
    return area


def test_deleting_an_area_already_deleted_by_another_request_just_succeeds(bob_expert):
    area = _deleted_meanwhile(add_area(bob_expert.expert_profile))
    assert area_delete(area=area) is True


def test_changing_an_area_deleted_by_another_request_is_not_found(bob_expert):
    area = _deleted_meanwhile(add_area(bob_expert.expert_profile))
    with pytest.raises(AreaNotFound) as caught:
        area_update(area=area, title="Renamed")
    assert isinstance(caught.value, Http404)  # pages answer 404 too


@pytest.fixture
def api_lookup_then_concurrent_delete(monkeypatch):
    found = AreaDetailApi.own_area
    monkeypatch.setattr(AreaDetailApi, "own_area", lambda self, request, area_id: _deleted_meanwhile(found(self, request, area_id)))


def test_the_api_answers_a_second_delete_and_a_late_patch_without_an_error(
    api_as, bob_expert, api_lookup_then_concurrent_delete
):
    client = api_as(bob_expert)
    area = add_area(bob_expert.expert_profile)
    assert client.delete(f"/api/v1/expert/areas/{area.pk}").status_code == 204

    other = add_area(bob_expert.expert_profile, title="Other")
    response = client.patch(f"/api/v1/expert/areas/{other.pk}", {"title": "Renamed"}, format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


@pytest.fixture
def page_lookup_then_concurrent_delete(monkeypatch):
    found = views_manage.get_object_or_404
    monkeypatch.setattr(views_manage, "get_object_or_404", lambda *args, **kwargs: _deleted_meanwhile(found(*args, **kwargs)))


def test_the_pages_answer_a_second_delete_and_a_late_edit_without_an_error(
    client, bob_expert, page_lookup_then_concurrent_delete
):
    client.force_login(bob_expert)
    area = add_area(bob_expert.expert_profile)
    assert client.post(f"/experts/me/services/{area.pk}/delete/").status_code == 302

    other = add_area(bob_expert.expert_profile, title="Other")
    assert client.post(f"/experts/me/services/{other.pk}/deactivate/").status_code == 404
    edit = {f"area-{other.pk}-{name}": value for name, value in
            {"title": "Renamed", "duration_minutes": "30", "price_major": "10"}.items()}  # fmt: skip
    assert client.post(f"/experts/me/services/{other.pk}/edit/", edit, HTTP_HX_REQUEST="true").status_code == 404
