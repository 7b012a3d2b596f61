"""Next free slots on the pages: directory cards (UX.md), the "available this week"
check box, and a profile's next free times (SPEC §2), each time with its zone."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.storefront.availability_helpers import NOW, week_people
from tests.storefront.helpers import listed_expert

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def people(frozen_now, alice_client):
    frozen_now(NOW)
    return week_people(alice_client)


def _card(html: str, name: str) -> str:
    start = html.index(name)
    return html[start : html.index("</li>", start)]


def test_cards_show_the_next_free_slot_in_the_experts_zone_and_say_so(client, frozen_now):
    frozen_now(NOW)
    listed_expert("Ngozi Lagos", timezone="Africa/Lagos")
    listed_expert("Bina Kathmandu", timezone="Asia/Kathmandu")
    html = client.get("/experts/").content.decode()
    lagos = _card(html, "Ngozi Lagos")  # Monday 09:00 in Lagos is 08:00 UTC
    assert '<time datetime="2026-03-09T08:00:00+00:00" data-local-time>Mon 9 Mar, 09:00 WAT</time>' in lagos
    kathmandu = _card(html, "Bina Kathmandu")  # +05:45, which has no abbreviation
    assert '<time datetime="2026-03-09T03:15:00+00:00" data-local-time>Mon 9 Mar, 09:00 +0545</time>' in kathmandu
    assert "Free times are shown in each expert’s time zone." in html
    assert "js/local-times.js" in html  # shows them in the visitor's zone where the browser tells it


def test_a_fully_booked_card_says_there_is_no_free_time(client, people):
    html = client.get("/experts/").content.decode()
    assert "No free times right now" in _card(html, "Bola Booked")
    assert "No free times right now" not in _card(html, "Wanda Free")


def test_the_check_box_filters_and_stays_in_the_url_like_the_other_filters(client, people):
    html = client.get("/experts/", {"available": "week"}).content.decode()
    assert 'name="available" value="week" id="id_available" aria-describedby="id_available_helptext" checked' in html
    assert "Wanda Free" in html and "Bola Booked" not in html and "Lars Later" not in html
    assert "1 expert" in html
    live = client.get("/experts/", {"available": "week", "q": "wanda"}, **HTMX).content.decode()
    assert live.lstrip().startswith('<section id="results"') and "Wanda Free" in live
    unchecked = client.get("/experts/").content.decode()
    assert 'id="id_available" aria-describedby="id_available_helptext">' in unchecked


def test_pages_of_available_experts_keep_the_filter_and_admit_an_upper_bound(client, people, frozen_now):
    for n in range(20):
        listed_expert(f"Tax Adviser {n:02d}", timezone="UTC")
    html = client.get("/experts/", {"available": "week"}).content.decode()
    # 23 SQL candidates over two pages: the engine has checked only this page.
    assert "Up to 23 experts free this week" in html and "Page 1 of 2" in html
    assert 'href="?available=week&amp;page=2"' in html
    second = client.get("/experts/", {"available": "week", "page": "2"}, **HTMX).content.decode()
    names = re.findall(r'<h2 class="expert-card__name"><a [^>]+>([^<]+)</a>', second)
    assert names == ["Wanda Free"]  # Ayo (away) and Bola (booked) left this page


def test_the_profile_offers_its_next_free_times_linking_into_the_booking_widget(client, frozen_now):
    frozen_now(NOW)
    profile = listed_expert("Ngozi Lagos", timezone="Africa/Lagos")
    area = profile.areas.get()
    html = client.get(f"/experts/{profile.slug}/").content.decode()
    assert "Next free times for Career advice" in html
    labels = re.findall(r"data-local-time>([^<]+)</time>", html)
    assert labels == ["Mon 9 Mar, 09:00 WAT", "Mon 9 Mar, 09:15 WAT", "Mon 9 Mar, 09:30 WAT", "Mon 9 Mar, 09:45 WAT"]
    assert "Times shown in Africa/Lagos, the expert’s time zone." in html
    link = unescape(re.search(r'<a class="slot" data-viewer-zone-link[^>]*href="([^"]+)"', html)[1])
    url = urlsplit(link)
    assert url.path == f"/experts/{profile.slug}/book/"
    assert parse_qs(url.query) == {"area": [str(area.pk)], "tz": ["Africa/Lagos"], "start": ["2026-03-09T08:00:00+00:00"]}
    summary = client.get(link, **HTMX)
    assert summary.status_code == 200 and summary.context["still_free"]


def test_a_profile_without_free_times_says_so(client, people):
    html = client.get(f"/experts/{people['booked'].slug}/").content.decode()
    assert "Next free times for One hour" in html
    assert "No free times right now. Please check back soon." in html
    assert "data-local-time" not in html
