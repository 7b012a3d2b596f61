"""``/experts/me/services/``: the services list with HTMX inline editing."""

import pytest

from accounts.models import ExpertArea
from accounts.storefront import services_areas
from tests.storefront.helpers import add_area

pytestmark = pytest.mark.django_db
URL = "/experts/me/services/"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bob(client, bob_expert):
    client.force_login(bob_expert)
    return bob_expert.expert_profile


def test_the_page_lists_areas_with_formatted_prices(client, bob):
    add_area(bob, title="Site visit plan", price=2_500_000, duration_minutes=90)
    html = client.get(URL).content.decode()
    assert "Site visit plan" in html and "₦25,000" in html and "90 min" in html


def test_adding_a_service_with_htmx_returns_the_refreshed_panel(client, bob):
    data = {"title": "Budget review", "description": "", "duration_minutes": "45", "price_major": "15000.50"}
    response = client.post(URL, data, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="areas-panel"')
    assert "Budget review" in html and "₦15,000.50" in html and "Service added." in html
    area = ExpertArea.objects.get(expert=bob)
    assert (area.price, area.duration_minutes, area.currency) == (1_500_050, 45, "NGN")


def test_adding_without_script_redirects_back(client, bob):
    data = {"title": "Budget review", "duration_minutes": "30", "price_major": "100"}
    assert client.post(URL, data).status_code == 302
    assert ExpertArea.objects.get(expert=bob).price == 10_000


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ""), ("duration_minutes", "20"), ("price_major", "0"), ("price_major", "abc"), ("price_major", "1.234")],
)
def test_bad_input_comes_back_with_errors(client, bob, field, value):
    data = {"title": "T", "duration_minutes": "30", "price_major": "100", field: value}
    response = client.post(URL, data, **HTMX)
    assert response.context["form"].errors[field]
    assert not ExpertArea.objects.exists()


def test_edit_swaps_in_a_form_and_saving_swaps_the_row_back(client, bob):
    area = add_area(bob, title="Old title", price=100_000)
    form = client.get(f"{URL}{area.pk}/edit/", **HTMX).content.decode()
    assert f'id="area-{area.pk}"' in form and 'value="Old title"' in form and 'value="1000"' in form

    prefix = f"area-{area.pk}"
    data = {f"{prefix}-title": "New title", f"{prefix}-duration_minutes": "60", f"{prefix}-price_major": "2000"}
    row = client.post(f"{URL}{area.pk}/edit/", data, **HTMX).content.decode()
    assert row.lstrip().startswith(f'<li class="area-row" id="area-{area.pk}"')
    assert "New title" in row and "₦2,000" in row and "Service saved." in row
    area.refresh_from_db()
    assert (area.title, area.duration_minutes, area.price) == ("New title", 60, 200_000)


def test_an_invalid_edit_keeps_the_form_with_errors(client, bob):
    area = add_area(bob)
    prefix = f"area-{area.pk}"
    data = {f"{prefix}-title": "", f"{prefix}-duration_minutes": "60", f"{prefix}-price_major": "2000"}
    html = client.post(f"{URL}{area.pk}/edit/", data, **HTMX).content.decode()
    assert "area-row--editing" in html and "This field is required" in html


def test_pause_and_make_live(client, bob):
    area = add_area(bob)
    paused = client.post(f"{URL}{area.pk}/deactivate/", **HTMX).content.decode()
    assert "Paused" in paused and "Make live" in paused
    area.refresh_from_db()
    assert area.active is False
    client.post(f"{URL}{area.pk}/activate/", **HTMX)
    area.refresh_from_db()
    assert area.active is True


def test_delete_removes_the_row_or_pauses_a_booked_service(client, bob, monkeypatch):
    doomed = add_area(bob, title="Doomed")
    response = client.post(f"{URL}{doomed.pk}/delete/", **HTMX)
    assert "area-row" not in response.content.decode() and "Service deleted." in response.content.decode()
    assert not ExpertArea.objects.filter(pk=doomed.pk).exists()

    booked = add_area(bob, title="Booked")
    monkeypatch.setattr(services_areas, "_area_has_bookings", lambda area: True)
    row = client.post(f"{URL}{booked.pk}/delete/", **HTMX).content.decode()
    assert "Paused" in row and "paused instead of deleted" in row
    assert ExpertArea.objects.get(pk=booked.pk).active is False


def test_another_experts_service_is_404(client, bob, carol_expert):
    theirs = add_area(carol_expert.expert_profile)
    assert client.get(f"{URL}{theirs.pk}/edit/", **HTMX).status_code == 404
    assert client.post(f"{URL}{theirs.pk}/delete/", **HTMX).status_code == 404
    assert client.post(f"{URL}{theirs.pk}/deactivate/", **HTMX).status_code == 404
    assert ExpertArea.objects.get(pk=theirs.pk).active is True


def test_editing_without_script_shows_the_form_in_the_full_page(client, bob):
    area = add_area(bob)
    html = client.get(f"{URL}{area.pk}/edit/").content.decode()
    assert "<html" in html and "area-row--editing" in html and "Add a service" in html
