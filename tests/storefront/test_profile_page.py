"""``/experts/me/edit/``: the expert's profile form."""

import pytest

from accounts.models import ExpertProfile
from tests.storefront.helpers import add_area, category

pytestmark = pytest.mark.django_db
URL = "/experts/me/edit/"


def _form(**overrides) -> dict:
    data = {
        "display_name": "Bob Builder",
        "headline": "Site engineer",
        "bio": "Twenty years on sites.",
        "categories": ["engineering"],
        "languages": ["en", "ha"],
        "years_experience": "20",
        "timezone": "Africa/Lagos",
        "currency": "NGN",
        "social_links": "https://bob.example.com\n\n https://github.com/bob ",
        "slug": "bob-builder",
    }
    data.update(overrides)
    return data


def test_an_expert_edits_their_profile(client, bob_expert):
    category("Engineering")
    client.force_login(bob_expert)
    page = client.get(URL)
    assert page.status_code == 200
    assert 'value="Bob Expert"' in page.content.decode()
    assert '<option value="Pacific/Chatham"' in page.content.decode()

    response = client.post(URL, _form())
    assert response.status_code == 302
    profile = ExpertProfile.objects.get(user=bob_expert)
    assert profile.headline == "Site engineer" and profile.slug == "bob-builder"
    assert profile.languages == ["en", "ha"] and profile.years_experience == 20
    assert profile.social_links == ["https://bob.example.com", "https://github.com/bob"]
    assert [c.slug for c in profile.categories.all()] == ["engineering"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("display_name", "", "This field is required"),
        ("slug", "edit", "reserved"),
        ("slug", "Bad Slug", "lowercase letters"),
        ("timezone", "Mars/Base", "Select a valid choice"),
        ("currency", "EUR", "Select a valid choice"),
        ("years_experience", "99", "less than or equal to 70"),
        ("social_links", "http://plain.example.com", "https://"),
        ("languages", ["xx"], "Select a valid choice"),
        ("categories", ["nope"], "Select a valid choice"),
    ],
)
def test_bad_input_shows_the_error_next_to_its_field(client, bob_expert, field, value, message):
    category("Engineering")
    client.force_login(bob_expert)
    response = client.post(URL, _form(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["form"].errors[field]
    assert ExpertProfile.objects.get(user=bob_expert).headline == ""


def test_a_locked_currency_is_explained_on_the_form(client, bob_expert):
    category("Engineering")
    add_area(bob_expert.expert_profile)
    client.force_login(bob_expert)
    response = client.post(URL, _form(currency="USD"))
    assert "Deactivate them before changing currency" in response.context["form"].errors["currency"][0]


def test_clients_get_403_and_visitors_are_sent_to_log_in(client, alice_client):
    assert client.get(URL).status_code == 302
    assert "/accounts/login/" in client.get(URL)["Location"]
    client.force_login(alice_client)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _form()).status_code == 403
    assert client.get("/experts/me/services/").status_code == 403
