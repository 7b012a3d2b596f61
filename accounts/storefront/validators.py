"""Field rules of the storefront models; the model fields carry them, so pages, API
and services all apply the same ones through ``full_clean``."""

import re
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from accounts.storefront.languages import LANGUAGES

MAX_LANGUAGES = 10
MAX_SOCIAL_LINKS = 5
MAX_LINK_LENGTH = 200
# Paths under /experts/ that are pages of their own, so no expert may take them as a slug.
RESERVED_SLUGS = frozenset({"me", "new", "edit", "search", "api", "admin", "static", "media"})
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_https_url = URLValidator(schemes=["https"])


def validate_public_slug(value: str) -> None:
    if not 3 <= len(value) <= 80 or not _SLUG.match(value):
        raise ValidationError(
            _("Use 3–80 lowercase letters, digits and single hyphens (no hyphen at either end)."), code="invalid"
        )
    if value in RESERVED_SLUGS:
        raise ValidationError(_("“%(value)s” is reserved; choose another address.") % {"value": value}, code="reserved")


def validate_languages(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give a list of language codes."), code="invalid")
    unknown = [code for code in value if code not in LANGUAGES]
    if unknown:
        raise ValidationError(_("Unknown language code: %(codes)s.") % {"codes": ", ".join(unknown)}, code="unknown")
    if len(set(value)) != len(value):
        raise ValidationError(_("Each language once, please."), code="duplicate")
    if len(value) > MAX_LANGUAGES:
        raise ValidationError(_("At most %(n)d languages.") % {"n": MAX_LANGUAGES}, code="too_many")


def validate_social_links(value) -> None:
    if not isinstance(value, list) or not all(isinstance(url, str) for url in value):
        raise ValidationError(_("Give a list of https:// addresses."), code="invalid")
    if len(value) > MAX_SOCIAL_LINKS:
        raise ValidationError(_("At most %(n)d links.") % {"n": MAX_SOCIAL_LINKS}, code="too_many")
    for url in value:
        if len(url) > MAX_LINK_LENGTH:
            raise ValidationError(_("Each link is at most %(n)d characters.") % {"n": MAX_LINK_LENGTH}, code="too_long")
        try:
            _https_url(url)
        except ValidationError:
            raise ValidationError(
                _("“%(url)s” is not a valid https:// address.") % {"url": url}, code="invalid_url"
            ) from None
    if len({url.lower() for url in value}) != len(value):
        raise ValidationError(_("Each link once, please."), code="duplicate")


def validate_duration_minutes(value: int) -> None:
    if not 15 <= value <= 240 or value % 15:
        raise ValidationError(_("Choose 15 to 240 minutes, in steps of 15."), code="invalid_duration")


def link_label(url: str) -> str:
    """A short human name for a social link (``linkedin.com/in/x`` → ``LinkedIn``)."""
    host = urlsplit(url).hostname or url
    host = host.removeprefix("www.")
    return _KNOWN_HOSTS.get(host, host)


_KNOWN_HOSTS = {
    "linkedin.com": "LinkedIn",
    "x.com": "X",
    "twitter.com": "X",
    "github.com": "GitHub",
    "youtube.com": "YouTube",
    "instagram.com": "Instagram",
    "facebook.com": "Facebook",
    "medium.com": "Medium",
    "behance.net": "Behance",
    "dribbble.com": "Dribbble",
}
