"""Absolute addresses of public storefront things (canonical links, API ``url`` fields,
OpenGraph images), built from ``settings.SITE_URL`` so they never depend on the Host
header of a request."""

from django.conf import settings
from django.urls import reverse

from accounts.models import ExpertProfile


def absolute_url(path_or_url: str) -> str:
    if path_or_url.startswith(("http://", "https://")):
        return path_or_url
    return f"{settings.SITE_URL}{path_or_url}"


def expert_page_url(profile: ExpertProfile) -> str:
    return absolute_url(reverse("experts:detail", kwargs={"slug": profile.slug}))


def expert_photo_url(profile: ExpertProfile) -> str | None:
    """Absolute photo address (object storage or /media/), or None without a photo."""
    return absolute_url(profile.photo.url) if profile.photo else None
