"""Staff hide and show experts through admin actions (which call the services)."""

import pytest
from django.contrib.admin.models import LogEntry

from accounts.models import ExpertArea, ExpertProfile, User
from tests.storefront.helpers import add_area, category, listed_expert

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = User.objects.create_superuser("ops@example.com", "pw-for-ops-123", full_name="Ops")
    client.force_login(staff)
    return client


def test_hide_and_show_change_the_directory(staff_client, api):
    ada = listed_expert("Ada Obi")
    url = "/admin/accounts/expertprofile/"
    staff_client.post(url, {"action": "hide_from_directory", "_selected_action": [ada.pk], "post": "yes"})
    assert ExpertProfile.objects.get(pk=ada.pk).is_listed is False
    assert api.get("/api/v1/experts").json()["count"] == 0
    assert LogEntry.objects.filter(object_id=str(ada.pk), change_message="expert_hide").exists()

    staff_client.post(url, {"action": "show_in_directory", "_selected_action": [ada.pk]})
    assert ExpertProfile.objects.get(pk=ada.pk).is_listed is True
    assert api.get("/api/v1/experts").json()["count"] == 1


def test_lists_search_and_filters_answer(staff_client):
    category("Law")
    ada = listed_expert("Ada Obi", categories=["law"])
    add_area(ada, title="Tenancy disputes")
    for url in (
        "/admin/accounts/expertprofile/?q=ada&currency__exact=NGN&is_listed__exact=1",
        f"/admin/accounts/expertprofile/{ada.pk}/change/",
        "/admin/accounts/expertarea/?q=tenancy&active__exact=1",
        "/admin/accounts/category/?q=law",
    ):
        response = staff_client.get(url)
        assert response.status_code == 200, url
    assert "Ada Obi" in staff_client.get("/admin/accounts/expertprofile/?q=ada").content.decode()


def test_staff_deactivate_areas_through_the_service(staff_client, api):
    ada = listed_expert("Ada Obi")
    area = ada.areas.get()
    staff_client.post("/admin/accounts/expertarea/", {"action": "deactivate_areas", "_selected_action": [area.pk]})
    assert ExpertArea.objects.get(pk=area.pk).active is False
    assert api.get("/api/v1/experts").json()["count"] == 0  # from_price was refreshed by the service


def test_storefront_content_is_read_only_for_staff(staff_client):
    ada = listed_expert("Ada Obi")
    staff_client.post(f"/admin/accounts/expertprofile/{ada.pk}/change/", {"display_name": "Hacked", "is_listed": ""})
    ada.refresh_from_db()
    assert ada.display_name == "Ada Obi" and ada.is_listed is True
