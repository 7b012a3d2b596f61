"""The profile address derived from the name at sign-up always obeys the slug rules,
so the expert can save their profile form without first fixing an address they never chose."""

import pytest

from accounts.models import Role
from accounts.services import user_create
from accounts.storefront.validators import validate_public_slug

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "full_name",
    [
        "A" * 59 + " Bee",  # the 60-character cut lands right after a hyphen
        "Oluwaseun Adebayo-Ogunlesi Chukwuemeka Nwachukwu Okonkwo-Eze Ba",
        "Me",
        "张伟",
        " --Ada__Obi-- ",
    ],
)
def test_the_derived_address_is_valid_and_the_profile_form_saves(client, full_name):
    user = user_create(email="new@example.com", full_name=full_name, role=Role.EXPERT)
    profile = user.expert_profile
    validate_public_slug(profile.slug)

    client.force_login(user)
    form = {
        "display_name": "Someone",
        "years_experience": "0",
        "timezone": "Africa/Lagos",
        "currency": "NGN",
        "slug": profile.slug,
    }
    assert client.post("/experts/me/edit/", form).status_code == 302


def test_two_long_names_alike_get_distinct_valid_addresses():
    name = "A" * 59 + " Bee"
    first = user_create(email="one@example.com", full_name=name, role=Role.EXPERT).expert_profile
    second = user_create(email="two@example.com", full_name=name, role=Role.EXPERT).expert_profile
    assert first.slug != second.slug
    validate_public_slug(second.slug)


def test_a_sign_up_racing_another_with_the_same_name_gets_the_next_address(monkeypatch):
    first = user_create(email="ada1@example.com", full_name="Ada Obi", role=Role.EXPERT)
    assert first.expert_profile.slug == "ada-obi"

    # What the second of two simultaneous sign-ups sees: "ada-obi" still looks free
    # when it picks, and the unique index refuses the insert once the first commits.
    from accounts import services

    real_pick, stale = services._unique_slug, iter(["ada-obi"])
    monkeypatch.setattr(services, "_unique_slug", lambda base: next(stale, None) or real_pick(base))

    second = user_create(email="ada2@example.com", full_name="Ada Obi", role=Role.EXPERT)
    assert second.expert_profile.slug == "ada-obi-2"
