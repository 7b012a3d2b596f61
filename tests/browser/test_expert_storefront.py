"""An expert opens their storefront through the pages and clients then find them."""

import json
import re

import pytest
from playwright.sync_api import expect

from accounts.models import ExpertProfile
from tests.browser.helpers import assert_accessible
from tests.storefront.helpers import image_bytes, make_available

pytestmark = pytest.mark.browser


def test_an_expert_completes_onboarding_and_appears_in_directory_search(logged_in_page, bob_expert, base_url, settings):
    settings.SITE_URL = base_url  # absolute photo and page addresses point at the live server, as in production
    page = logged_in_page(bob_expert)
    page.goto("/account/")
    checklist = page.get_by_role("region", name="Get listed in the directory")
    expect(checklist).to_contain_text("0 of 4 done")
    assert_accessible(page)

    # Profile: headline and bio.
    checklist.get_by_role("link", name="Write your headline and bio").click()
    page.wait_for_url("**/experts/me/edit/")
    assert_accessible(page)
    page.get_by_label("Headline").fill("Structural engineer for self-builders")
    page.get_by_label("About you").fill("I review **house plans** before you pour concrete.")
    page.get_by_label("Hausa").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.locator("#toasts")).to_contain_text("Profile saved.")

    # Photo: preview at once, then an upload with progress; the stored square comes back.
    preview = page.locator("[data-photo-preview]")
    page.get_by_label("Profile photo").set_input_files(
        {"name": "me.jpg", "mimeType": "image/jpeg", "buffer": image_bytes("JPEG", size=(900, 700))}
    )
    expect(preview).to_have_attribute("src", re.compile(r"^blob:"))
    page.get_by_role("button", name="Upload photo").click()
    expect(page.locator("[data-photo-status]")).to_have_text("Photo updated.")
    expect(preview).to_have_attribute("src", re.compile(r"/media/experts/photos/[0-9a-f]{32}\.webp$"))
    page.wait_for_function("() => document.querySelector('[data-photo-preview]').naturalWidth === 512")
    assert_accessible(page)

    # One service, added and then edited inline without leaving the page.
    page.get_by_role("navigation", name="Your storefront").get_by_role("link", name="Services").click()
    page.wait_for_url("**/experts/me/services/")
    assert_accessible(page)
    page.get_by_label("Title").fill("House plan review")
    page.get_by_label("Duration").select_option("60")
    page.get_by_label("Price (NGN)").fill("20000")
    page.get_by_role("button", name="Add service").click()
    row = page.locator(".area-row", has_text="House plan review")
    expect(row).to_contain_text("₦20,000")
    row.get_by_role("link", name="Edit House plan review").click()
    editor = page.get_by_role("form", name="Edit House plan review")
    editor.get_by_label("Price (NGN)").fill("25000")
    editor.get_by_role("button", name="Save").click()
    expect(page.locator(".area-row", has_text="House plan review")).to_contain_text("₦25,000")
    assert page.url.endswith("/experts/me/services/")
    assert_accessible(page)

    # Availability is set on the scheduling pages; here through its service.
    make_available(ExpertProfile.objects.get(user=bob_expert))
    page.goto("/account/")
    expect(page.get_by_role("region", name="Get listed in the directory")).to_have_count(0)

    # A visitor's live search finds the expert, and the address can be shared.
    page.context.clear_cookies()
    page.goto("/experts/")
    assert_accessible(page)
    page.get_by_label("Search", exact=True).fill("structural")
    results = page.locator("#results")
    expect(results).to_contain_text("Bob Expert")
    expect(results).to_contain_text("1 expert")
    page.wait_for_url("**/experts/?q=structural*")
    assert_accessible(page)

    results.get_by_role("link", name="Bob Expert").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bob Expert")
    expect(page.locator("#area-" + str(ExpertProfile.objects.get(user=bob_expert).areas.get().pk))).to_contain_text(
        "₦25,000"
    )
    page.wait_for_load_state("networkidle")  # the booking widget loads its calendar after the page
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "Person" and data["makesOffer"][0]["price"] == "25000.00"
    assert_accessible(page)
