"""What search engines and link previews read on a public profile: description and
schema.org ``Person`` + ``Offer`` JSON-LD."""

import json

from django.utils.safestring import SafeString, mark_safe

from accounts.models import ExpertProfile
from accounts.storefront.bio import bio_plain_summary
from accounts.storefront.languages import language_name
from accounts.storefront.money import money_decimal_string
from accounts.storefront.public import expert_page_url, expert_photo_url
from reviews.selectors import rating_of

# The JSON sits inside <script>: these characters must not be able to close it.
_SCRIPT_SAFE = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def expert_meta_description(profile: ExpertProfile) -> str:
    parts = [profile.headline, bio_plain_summary(profile.bio, limit=120)]
    return " — ".join(part for part in parts if part)[:160] or profile.display_name


def expert_json_ld(profile: ExpertProfile) -> SafeString:
    """``Person`` with one ``Offer`` per active area; safe to print inside a script tag."""
    url = expert_page_url(profile)
    person = {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": profile.display_name,
        "url": url,
        "description": expert_meta_description(profile),
        "knowsLanguage": [language_name(code) for code in profile.languages],
        "sameAs": list(profile.social_links),
        "makesOffer": [
            {
                "@type": "Offer",
                "name": area.title,
                "description": area.description,
                "price": money_decimal_string(area.price),
                "priceCurrency": area.currency,
                "url": f"{url}#area-{area.pk}",
                "availability": "https://schema.org/InStock",
            }
            for area in profile.active_areas
        ],
    }
    if profile.headline:
        person["jobTitle"] = profile.headline
    photo = expert_photo_url(profile)
    if photo:
        person["image"] = photo
    rating = rating_of(profile)
    if rating is not None:
        person["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(rating.average),
            "reviewCount": rating.count,
            "bestRating": 5,
            "worstRating": 1,
        }
    return mark_safe(json.dumps(person, ensure_ascii=False).translate(_SCRIPT_SAFE))
