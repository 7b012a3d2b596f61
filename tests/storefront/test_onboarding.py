"""The expert's onboarding checklist (profile, photo, one service, availability)."""

import pytest

from accounts.storefront.selectors import expert_onboarding_status
from accounts.storefront.services import expert_photo_set, expert_profile_update
from tests.storefront.helpers import add_area, image_bytes, make_available, upload

pytestmark = pytest.mark.django_db


def _done(profile) -> dict[str, bool]:
    return {step.key: step.done for step in expert_onboarding_status(profile).steps}


def test_each_step_completes_with_its_own_action(bob_expert, local_storage):
    profile = bob_expert.expert_profile
    assert _done(profile) == {"profile": False, "photo": False, "area": False, "availability": False}
    profile = expert_profile_update(profile=profile, headline="Site engineer", bio="Twenty years on sites.")
    profile = expert_photo_set(profile=profile, upload=upload(image_bytes()))
    add_area(profile)
    assert _done(profile) == {"profile": True, "photo": True, "area": True, "availability": False}
    make_available(profile)
    status = expert_onboarding_status(profile)
    assert status.complete and status.done_count == 4


def test_the_account_page_shows_the_checklist_until_complete(client, bob_expert, local_storage):
    client.force_login(bob_expert)
    html = client.get("/account/").content.decode()
    assert "Get listed in the directory" in html
    assert 'href="/experts/me/edit/"' in html and 'href="/experts/me/services/"' in html
    assert "0 of 4 done" in html

    profile = expert_profile_update(profile=bob_expert.expert_profile, headline="H", bio="B")
    profile = expert_photo_set(profile=profile, upload=upload(image_bytes()))
    add_area(profile)
    make_available(profile)
    assert "Get listed in the directory" not in client.get("/account/").content.decode()


def test_clients_never_see_the_checklist(client, alice_client):
    client.force_login(alice_client)
    assert "Get listed in the directory" not in client.get("/account/").content.decode()
