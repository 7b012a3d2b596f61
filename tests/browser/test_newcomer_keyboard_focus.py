"""A keyboard user stays where they were when part of an expert's page is redrawn: after a
photo upload, after an inline service edit opens or is cancelled, and after a form comes
back with errors (on the first field to fix, not at the top of the panel)."""

import pytest
from playwright.sync_api import expect

from accounts.storefront.services_areas import area_create
from tests.browser.helpers import assert_accessible
from tests.storefront.helpers import image_bytes

pytestmark = pytest.mark.browser


def test_focus_comes_back_to_the_upload_button_after_a_photo_upload(logged_in_page, bob_expert, base_url, settings):
    settings.SITE_URL = base_url
    page = logged_in_page(bob_expert)
    page.goto("/experts/me/edit/")
    assert_accessible(page)
    page.get_by_label("Profile photo").set_input_files(
        {"name": "me.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", size=(400, 400))}
    )
    upload = page.get_by_role("button", name="Upload photo")
    upload.focus()

    page.keyboard.press("Enter")

    expect(page.locator("[data-photo-status]")).to_have_text("Photo updated.")
    expect(upload).to_be_enabled()
    expect(upload).to_be_focused()
    assert_accessible(page)


@pytest.fixture
def services_page(logged_in_page, bob_expert):
    area_create(expert=bob_expert.expert_profile, title="Career advice", duration_minutes=60, price=1_500_000)
    page = logged_in_page(bob_expert)
    page.goto("/experts/me/services/")
    assert_accessible(page)
    return page


def test_editing_a_service_starts_on_its_first_field_and_cancel_returns_to_edit(services_page):
    page = services_page
    page.get_by_role("link", name="Edit Career advice").focus()

    page.keyboard.press("Enter")

    editor = page.get_by_role("form", name="Edit Career advice")
    expect(editor.get_by_label("Title")).to_be_focused()
    assert_accessible(page)

    editor.get_by_role("link", name="Cancel").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("link", name="Edit Career advice")).to_be_focused()
    assert_accessible(page)


def test_adding_a_service_with_errors_starts_on_the_first_field_to_fix(services_page):
    page = services_page
    page.get_by_role("button", name="Add service").focus()

    page.keyboard.press("Enter")

    adding = page.get_by_role("region", name="Add a service")
    expect(adding).to_contain_text("Please correct the highlighted fields below.")
    expect(adding.get_by_label("Title")).to_be_focused()
    assert_accessible(page)
