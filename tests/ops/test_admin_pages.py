"""Every admin page of every model works with real rows in it: the list (each sort
column, filter choices, a search), a row's change and delete pages, and the
add page (and sending it empty). Empty lists never run a column's code; this walk does, over a marketplace
with a row of every kind (tests/ops/rows.py).

One walk, with every problem collected, so the rows are made once."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.ops.rows import marketplace_rows

pytestmark = pytest.mark.django_db
ALLOWED = {200, 403}  # 403: a page the model admin refuses on purpose (read-only records)


def _get(client, url, problems, allowed=frozenset({200})):
    try:
        answer = client.get(url)
    except Exception as exc:  # noqa: BLE001  (the test client re-raises a view's crash)
        problems.append(f"{url}: {type(exc).__name__}: {exc}")
        return None
    if answer.status_code not in allowed:
        problems.append(f"{url}: {answer.status_code}")
    return answer


def _walk_list(client, model, model_admin, problems):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    answer = _get(client, url, problems)
    changelist = answer.context.get("cl") if answer is not None and answer.context else None
    if changelist is None:  # a list page of its own making (platform revenue)
        return
    # Sorted by every column at once ("o=0.1.2"): a broken sort key fails it.
    _get(client, f"{url}?o=" + ".".join(str(index) for index in range(len(changelist.list_display))), problems)
    for spec in changelist.filter_specs:
        # The first and last choice of each filter other than the current one ("All").
        narrowing = [choice["query_string"] for choice in spec.choices(changelist) if not choice.get("selected")]
        for query in {narrowing[0], narrowing[-1]} if narrowing else ():
            _get(client, f"{url}{query}", problems)
    if model_admin.search_fields:
        _get(client, f"{url}?q=a", problems)


def _walk_rows(client, model, problems):
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    row = model._default_manager.order_by("pk").first()
    for page in ("change", "delete"):
        _get(client, reverse(f"{prefix}_{page}", args=[row.pk]), problems, ALLOWED)
    add = reverse(f"{prefix}_add")
    if (answer := _get(client, add, problems, ALLOWED)) is not None and answer.status_code == 200:
        _post(client, add, problems)


def _post(client, url, problems):
    """An empty add form answers with its errors (200) or saves (302), never crashes."""
    try:
        answer = client.post(url, {})
    except Exception as exc:  # noqa: BLE001
        problems.append(f"POST {url}: {type(exc).__name__}: {exc}")
        return
    if answer.status_code not in {200, 302}:
        problems.append(f"POST {url}: {answer.status_code}")


@pytest.fixture
def marketplace(alice_client, bob_expert, dave_client, staff, bob_hour, settings):
    marketplace_rows(alice=alice_client, bob=bob_expert, dave=dave_client, staff=staff, area=bob_hour, settings=settings)


def test_every_model_in_admin_has_rows_for_the_walk(marketplace):
    empty = [model._meta.label_lower for model in admin.site._registry if not model._default_manager.exists()]
    assert empty == []


def test_every_admin_page_of_every_model_renders_with_rows(marketplace, staff_client):
    problems = []
    for model, model_admin in admin.site._registry.items():
        _walk_list(staff_client, model, model_admin, problems)
        _walk_rows(staff_client, model, problems)
    assert problems == []


@pytest.mark.parametrize(
    "page",
    [
        "notifications_notification_add",
        "notifications_reminder_add",
        "notifications_emailpreferences_add",
        "calendars_calendarfeed_add",
        "calendars_externalcalendar_add",
        "calendars_externalbusy_add",
    ],
)
def test_staff_cannot_write_rows_that_only_the_services_and_their_owners_make(staff_client, page):
    # Their forms had every required field read-only (or hidden): saving one crashed.
    assert staff_client.get(reverse(f"admin:{page}")).status_code == 403
    assert staff_client.post(reverse(f"admin:{page}"), {"name": "Work"}).status_code == 403
