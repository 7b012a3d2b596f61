"""What staff open every day: the /staff/ dashboard (on a phone too) and Django admin's
main pages pass the accessibility check, load without a failed request, and nothing
widens the page sideways."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from ops.audit import audit_record
from scheduling.models_booking import BookingStatus
from tests.browser.helpers import assert_accessible
from tests.ops.conftest import staff  # noqa: F401  (fixture: a superuser)
from tests.payouts.factories import seeded_booking

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 740}


@pytest.fixture
def todays_booking(alice_client, bob_expert):
    start = timezone.now().replace(hour=0, minute=5, second=0, microsecond=0)
    return seeded_booking(expert=bob_expert, client=alice_client, status=BookingStatus.CONFIRMED, start=start)


@pytest.fixture
def failed_loads(page):
    """Every resource the browser failed to load (the icon it asks for on its own included)."""
    failures = []
    page.on(
        "console",
        lambda msg: failures.append(f"{page.url}: {msg.text}") if "Failed to load resource" in msg.text else None,
    )
    return failures


def test_the_staff_dashboard_fits_a_phone_screen(logged_in_page, staff, todays_booking):  # noqa: F811
    page = logged_in_page(staff)
    page.set_viewport_size(PHONE)
    page.goto("/staff/")
    assert page.locator(f'[data-booking="{todays_booking.pk}"]').is_visible()

    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert_accessible(page)


def test_the_main_admin_pages_are_accessible(logged_in_page, failed_loads, staff, alice_client, todays_booking):  # noqa: F811
    Group.objects.create(name="Support")  # a group to pick on the user's page
    audit_record(
        actor=staff,
        action="accounts.user.deactivate_users",
        target=alice_client,
        data={"description": "Deactivate selected users"},
    )
    page = logged_in_page(staff)

    for path in [
        "/admin/",
        "/admin/scheduling/booking/",
        f"/admin/scheduling/booking/{todays_booking.pk}/change/",
        f"/admin/accounts/user/{alice_client.pk}/change/",  # groups and permissions: two-list pickers
        "/admin/ops/auditentry/",
    ]:
        page.goto(path)
        page.wait_for_load_state("load")  # the pickers are built on load
        assert_accessible(page, read_stylesheets=False)

    assert failed_loads == []
