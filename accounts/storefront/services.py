"""Every write to the storefront: expert profiles, photos, categories and the
directory listing. Areas of expertise live in ``services_areas``.

Rules live on the model fields (validators) and are applied with ``full_clean`` on the
fields being changed, so the page, the API and the admin all refuse the same input
with the same field messages.
"""

import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Category, ExpertProfile
from accounts.storefront.bio import bio_render
from accounts.storefront.errors import CurrencyLocked, StorefrontInvalid
from accounts.storefront.photos import OUTPUT_EXTENSION, photo_process
from accounts.storefront.search import expert_directory_refresh
from scheduling.cache import slots_cache_invalidate
from scheduling.timezones import zone_name_current

logger = logging.getLogger(__name__)

STOREFRONT_FIELDS = frozenset(
    {"display_name", "headline", "bio", "timezone", "currency", "languages", "years_experience", "social_links", "slug"}
)
BOOKING_RULE_FIELDS = frozenset(
    {"min_notice_minutes", "horizon_days", "buffer_before_minutes", "buffer_after_minutes", "daily_limit"}
)
PROFILE_FIELDS = STOREFRONT_FIELDS | BOOKING_RULE_FIELDS
MAX_CATEGORIES = 5
_STRIPPED = ("display_name", "headline", "bio", "timezone", "slug")


def validation_fields(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {"non_field_errors": list(error.messages)}


def _normalise(fields: dict) -> dict:
    fields = dict(fields)
    for name in _STRIPPED:
        if isinstance(fields.get(name), str):
            fields[name] = fields[name].strip()
    if isinstance(fields.get("slug"), str):
        fields["slug"] = fields["slug"].lower()
    if isinstance(fields.get("timezone"), str):
        fields["timezone"] = zone_name_current(fields["timezone"])
    if isinstance(fields.get("languages"), list):
        fields["languages"] = [code.strip().lower() if isinstance(code, str) else code for code in fields["languages"]]
    if isinstance(fields.get("social_links"), list):
        fields["social_links"] = [url.strip() if isinstance(url, str) else url for url in fields["social_links"]]
    return fields


def _categories_from_slugs(slugs: list[str]) -> list[Category]:
    wanted = list(dict.fromkeys(slugs))
    if len(wanted) > MAX_CATEGORIES:
        raise StorefrontInvalid(
            _("Choose at most %(n)d categories.") % {"n": MAX_CATEGORIES},
            fields={"categories": [_("Choose at most %(n)d categories.") % {"n": MAX_CATEGORIES}]},
        )
    found = {category.slug: category for category in Category.objects.filter(slug__in=wanted)}
    unknown = [slug for slug in wanted if slug not in found]
    if unknown:
        message = _("Unknown category: %(slugs)s.") % {"slugs": ", ".join(unknown)}
        raise StorefrontInvalid(message, fields={"categories": [message]})
    return [found[slug] for slug in wanted]


def _refuse_locked_currency(profile: ExpertProfile, currency: str) -> None:
    if currency != profile.currency and profile.areas.filter(active=True).exists():
        message = _(
            "Your active services are priced in %(currency)s. Deactivate them before changing currency, "
            "then set new prices."
        ) % {"currency": profile.currency}
        raise CurrencyLocked(message, fields={"currency": [message]})


@transaction.atomic
def expert_profile_update(*, profile: ExpertProfile, categories: list[str] | None = None, **fields) -> ExpertProfile:
    """Change any of the expert's profile fields and booking rules (only those given).

    ``categories`` is a list of category slugs that replaces the current set. Changing
    the currency is refused while active areas are priced in the old one
    (``CurrencyLocked``). Bad input raises ``StorefrontInvalid`` with field errors and
    changes nothing.
    """
    unknown = set(fields) - PROFILE_FIELDS
    if unknown:
        raise TypeError(f"expert_profile_update() got unknown fields: {sorted(unknown)}")
    fields = _normalise(fields)
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    if "currency" in fields:
        _refuse_locked_currency(profile, fields["currency"])
    for name, value in fields.items():
        setattr(profile, name, value)
    excluded = [f.name for f in ExpertProfile._meta.concrete_fields if f.name not in fields]
    try:
        profile.full_clean(exclude=excluded)
    except ValidationError as error:
        raise StorefrontInvalid(_("Please correct the highlighted fields."), fields=validation_fields(error)) from None
    chosen = _categories_from_slugs(categories) if categories is not None else None
    update_fields = [*fields, "updated_at"]
    if "bio" in fields:
        profile.bio_html = bio_render(profile.bio)
        update_fields.append("bio_html")
    profile.save(update_fields=update_fields)
    if chosen is not None:
        profile.categories.set(chosen)
    if fields.keys() & {"display_name", "headline", "bio"}:
        expert_directory_refresh(expert_ids=[profile.pk])
    slots_cache_invalidate(expert_id=profile.pk)  # the zone and booking rules shape the slots
    return profile


def expert_photo_set(*, profile: ExpertProfile, upload) -> ExpertProfile:
    """Validate and store a new profile photo (square 512×512 WebP, random name).

    A bad file raises ``PhotoInvalid`` before anything is written, so the old photo
    stays. The old file is deleted only once the new one is committed.
    """
    data = photo_process(upload)
    with transaction.atomic():
        profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
        old_name = profile.photo.name
        profile.photo.save(f"{uuid.uuid4().hex}.{OUTPUT_EXTENSION}", ContentFile(data), save=False)
        new_name = profile.photo.name
        try:
            profile.save(update_fields=["photo", "updated_at"])
        except Exception:
            profile.photo.storage.delete(new_name)
            raise
        if old_name:
            transaction.on_commit(lambda: _photo_delete_quietly(profile, old_name))
    return profile


@transaction.atomic
def expert_photo_remove(*, profile: ExpertProfile) -> ExpertProfile:
    profile = ExpertProfile.objects.select_for_update().get(pk=profile.pk)
    old_name = profile.photo.name
    if old_name:
        profile.photo = ""
        profile.save(update_fields=["photo", "updated_at"])
        transaction.on_commit(lambda: _photo_delete_quietly(profile, old_name))
    return profile


def _photo_delete_quietly(profile: ExpertProfile, name: str) -> None:
    # A leftover file costs a few kilobytes; a failed request after a committed change costs trust.
    try:
        profile.photo.storage.delete(name)
    except Exception:
        logger.warning("could not delete replaced photo %s", name, exc_info=True)


@transaction.atomic
def expert_hide(*, profile: ExpertProfile) -> ExpertProfile:
    """Staff hide an expert: off the directory, and the public page answers 404."""
    ExpertProfile.objects.filter(pk=profile.pk).update(is_listed=False)
    profile.refresh_from_db(fields=["is_listed"])
    slots_cache_invalidate(expert_id=profile.pk)  # cached public slot answers must 404 now
    return profile


@transaction.atomic
def expert_show(*, profile: ExpertProfile) -> ExpertProfile:
    """Undo ``expert_hide``."""
    ExpertProfile.objects.filter(pk=profile.pk).update(is_listed=True)
    profile.refresh_from_db(fields=["is_listed"])
    return profile


@transaction.atomic
def category_create(*, name: str, slug: str = "") -> Category:
    name = name.strip()
    category = Category(name=name, slug=slug or slugify(name))
    try:
        category.full_clean()
    except ValidationError as error:
        raise StorefrontInvalid(_("Please correct the highlighted fields."), fields=validation_fields(error)) from None
    category.save()
    return category
