"""``/experts/<slug>/``: what visitors, link previews and search engines see."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.test import override_settings

from accounts.services import user_deactivate
from accounts.storefront.services import expert_hide, expert_photo_set
from accounts.storefront.services_areas import area_update
from tests.storefront.helpers import add_area, category, expert, image_bytes, upload

pytestmark = pytest.mark.django_db
SITE = "https://procusmeet.example"


class _Head(HTMLParser):
    """Collects <title>, <meta>, <link rel=canonical> and JSON-LD blocks."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self.title = {}, {}, [], ""
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.links["canonical"] = attrs["href"]
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in = "json"
            self.json_ld.append("")
        elif tag == "title":
            self._in = "title"

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "json":
            self.json_ld[-1] += data
        elif self._in == "title":
            self.title += data


def _head(response) -> _Head:
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


@pytest.fixture
def ada(local_storage):
    category("Careers")
    profile = expert(
        "Ada Obi",
        headline="Product designer, 10 years in fintech",
        bio="I help designers **get hired**. </script><script>alert(1)</script>",
        languages=["en", "ig"],
        categories=["careers"],
        years_experience=10,
        social_links=["https://www.linkedin.com/in/ada"],
    )
    add_area(profile, title="Portfolio review", price=1_500_000, duration_minutes=45)
    add_area(profile, title="Mock interview", price=2_500_050, duration_minutes=60)
    expert_photo_set(profile=profile, upload=upload(image_bytes()))
    return profile


@override_settings(SITE_URL=SITE)
def test_the_page_shows_areas_with_prices_and_a_book_action(client, ada):
    response = client.get(f"/experts/{ada.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Portfolio review" in html and "₦15,000" in html and "45 min" in html
    assert "₦25,000.50" in html
    assert html.count('href="#book"') == 2
    assert 'id="book"' in html
    assert "<strong>get hired</strong>" in html
    assert "<script>alert(1)</script>" not in html
    assert "Igbo" in html and "10 years" in html


@override_settings(SITE_URL=SITE)
def test_seo_tags_describe_the_expert(client, ada):
    head = _head(client.get(f"/experts/{ada.slug}/"))
    url = f"{SITE}/experts/{ada.slug}/"
    assert head.title.startswith("Ada Obi — Product designer")
    assert head.links["canonical"] == url
    assert head.meta["description"].startswith("Product designer, 10 years in fintech — I help designers get hired.")
    assert head.meta["og:title"].startswith("Ada Obi")
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "profile"
    assert head.meta["og:image"].startswith(SITE + "/media/experts/photos/")
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:image"] == head.meta["og:image"]


@override_settings(SITE_URL=SITE)
def test_json_ld_is_a_person_with_one_offer_per_active_area(client, ada):
    paused = add_area(ada, title="Paused one", price=100)
    area_update(area=paused, active=False)
    head = _head(client.get(f"/experts/{ada.slug}/"))
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "Person"
    assert data["name"] == "Ada Obi"
    assert data["url"] == f"{SITE}/experts/{ada.slug}/"
    assert data["knowsLanguage"] == ["English", "Igbo"]
    assert data["sameAs"] == ["https://www.linkedin.com/in/ada"]
    assert data["image"].startswith(SITE)
    offers = {offer["name"]: offer for offer in data["makesOffer"]}
    assert set(offers) == {"Portfolio review", "Mock interview"}
    assert offers["Mock interview"]["price"] == "25000.50"
    assert offers["Mock interview"]["priceCurrency"] == "NGN"
    assert offers["Portfolio review"]["@type"] == "Offer"


def test_json_ld_cannot_break_out_of_its_script_tag(client, local_storage):
    profile = expert("Eve", headline="</script><script>alert(1)</script>")
    add_area(profile)
    html = client.get(f"/experts/{profile.slug}/").content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1)
    assert "<" not in block
    assert json.loads(block)["jobTitle"] == "</script><script>alert(1)</script>"


def test_hidden_experts_and_deactivated_users_are_not_found(client, ada):
    assert client.get(f"/experts/{ada.slug}/").status_code == 200
    expert_hide(profile=ada)
    assert client.get(f"/experts/{ada.slug}/").status_code == 404

    other = expert("Gone Person")
    user_deactivate(user=other.user)
    assert client.get(f"/experts/{other.slug}/").status_code == 404
    assert client.get("/experts/nobody-here/").status_code == 404


def test_the_rating_summary_is_hidden_until_reviews_exist(client, ada):
    html = client.get(f"/experts/{ada.slug}/").content.decode()
    assert "rating" not in html.lower() and "reviews" not in html.lower()


def test_social_links_show_even_without_a_bio(client, local_storage):
    profile = expert("Link Only", social_links=["https://www.linkedin.com/in/link-only"])
    add_area(profile)
    html = client.get(f"/experts/{profile.slug}/").content.decode()
    assert 'href="https://www.linkedin.com/in/link-only"' in html
    assert 'class="prose profile__bio"' not in html


def test_an_address_typed_with_capitals_redirects_to_the_profile(client, ada):
    response = client.get(f"/experts/{ada.slug.upper()}/")
    assert response.status_code == 301
    assert response["Location"] == f"/experts/{ada.slug}/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get("/experts/NOBODY-HERE/", follow=True).status_code == 404
