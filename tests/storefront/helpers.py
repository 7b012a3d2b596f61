"""Builders for storefront tests: images made in memory, listed experts, uploads."""

import io
import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from accounts.models import Category, ExpertArea, ExpertProfile, Role
from accounts.services import user_create
from accounts.storefront.services import category_create, expert_profile_update
from accounts.storefront.services_areas import area_create
from scheduling.services import weekly_range_add

_serial = itertools.count(1)


def image_bytes(fmt: str = "JPEG", size: tuple[int, int] = (640, 480), color=(200, 80, 40), **save_options) -> bytes:
    mode = "RGBA" if fmt == "PNG" else "RGB"
    image = Image.new(mode, size, color if mode == "RGB" else (*color, 255))
    output = io.BytesIO()
    image.save(output, fmt, **save_options)
    return output.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def category(name: str) -> Category:
    existing = Category.objects.filter(name=name).first()
    return existing or category_create(name=name)


def expert(full_name: str | None = None, **profile_fields) -> ExpertProfile:
    """A new expert (no area, no availability) with the given profile fields."""
    n = next(_serial)
    full_name = full_name or f"Expert {n}"
    user = user_create(email=f"expert{n}-{full_name.split()[0].lower()}@example.com", full_name=full_name, role=Role.EXPERT)
    profile = user.expert_profile
    if profile_fields:
        profile = expert_profile_update(profile=profile, **profile_fields)
    return profile


def add_area(profile: ExpertProfile, title: str = "Career advice", price: int = 1_500_000, **fields) -> ExpertArea:
    fields.setdefault("duration_minutes", 30)
    return area_create(expert=profile, title=title, price=price, **fields)


def make_available(profile: ExpertProfile) -> None:
    weekly_range_add(expert=profile, weekday=0, start_minute=9 * 60, end_minute=17 * 60)


def listed_expert(full_name: str | None = None, *, areas=(("Career advice", 1_500_000),), **profile_fields) -> ExpertProfile:
    """An expert the directory shows: an active area and weekly availability."""
    profile = expert(full_name, **profile_fields)
    for title, price in areas:
        add_area(profile, title=title, price=price)
    make_available(profile)
    return ExpertProfile.objects.get(pk=profile.pk)
