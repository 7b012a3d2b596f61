"""Every write to areas of expertise (the services an expert sells)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import ExpertArea, ExpertProfile
from accounts.storefront.errors import AreaNotFound, StorefrontInvalid
from accounts.storefront.search import expert_directory_refresh
from accounts.storefront.services import validation_fields
from scheduling.cache import slots_cache_invalidate

MAX_AREAS_PER_EXPERT = 20
AREA_FIELDS = frozenset({"title", "description", "duration_minutes", "price", "active"})


def _validate(area: ExpertArea) -> None:
    try:
        area.full_clean(exclude=["expert"])
    except ValidationError as error:
        raise StorefrontInvalid(_("Please correct the highlighted fields."), fields=validation_fields(error)) from None
    if area.active and area.currency != area.expert.currency:
        message = _("This service is priced in %(old)s but your currency is %(new)s: set a new price to activate it.") % {
            "old": area.currency,
            "new": area.expert.currency,
        }
        raise StorefrontInvalid(message, fields={"price": [message]})


def _refuse_over_limit(expert: ExpertProfile, *, field: str) -> None:
    """Refuse one more counted area when the expert has ``MAX_AREAS_PER_EXPERT``.

    *Retired* areas (inactive, kept only because bookings refer to them) do not count:
    deleting a booked area only deactivates it, so counting them would lock an expert
    whose services have all been booked once out of ever adding a new one."""
    retired = sum(1 for area in expert.areas.filter(active=False) if _area_has_bookings(area))
    if expert.areas.count() - retired >= MAX_AREAS_PER_EXPERT:
        message = _("You can offer at most %(n)d services; delete one you no longer offer.") % {"n": MAX_AREAS_PER_EXPERT}
        raise StorefrontInvalid(message, fields={field: [message]})


def _strip(fields: dict) -> dict:
    return {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}


@transaction.atomic
def area_create(
    *, expert: ExpertProfile, title: str, duration_minutes: int, price: int, description: str = "", active: bool = True
) -> ExpertArea:
    """Add a service priced in the expert's current currency (at most 20 per expert,
    retired ones aside)."""
    expert = ExpertProfile.objects.select_for_update().get(pk=expert.pk)  # serialises the count check
    _refuse_over_limit(expert, field="non_field_errors")
    values = _strip({"title": title, "description": description})
    area = ExpertArea(
        expert=expert,
        duration_minutes=duration_minutes,
        price=price,
        currency=expert.currency,
        active=active,
        **values,
    )
    _validate(area)
    area.save()
    expert_directory_refresh(expert_ids=[expert.pk])
    return area


@transaction.atomic
def area_update(*, area: ExpertArea, **fields) -> ExpertArea:
    """Change any of title, description, duration_minutes, price, active.

    Setting a price re-prices the area in the expert's current currency; an area still
    priced in an old currency cannot be activated until it gets a new price.
    """
    unknown = set(fields) - AREA_FIELDS
    if unknown:
        raise TypeError(f"area_update() got unknown fields: {sorted(unknown)}")
    try:
        # Locks the expert's row too (PostgreSQL locks every joined row), like area_create.
        area = ExpertArea.objects.select_for_update().select_related("expert").get(pk=area.pk)
    except ExpertArea.DoesNotExist:  # deleted by a concurrent request since the caller found it
        raise AreaNotFound(_("This service no longer exists.")) from None
    if fields.get("active") and not area.active and _area_has_bookings(area):
        _refuse_over_limit(area.expert, field="active")  # a retired area comes back into the count
    for name, value in _strip(fields).items():
        setattr(area, name, value)
    if "price" in fields:
        area.currency = area.expert.currency
    _validate(area)
    area.save()
    expert_directory_refresh(expert_ids=[area.expert_id])
    slots_cache_invalidate(expert_id=area.expert_id)  # duration and active flag shape the slots
    return area


def _area_has_bookings(area: ExpertArea) -> bool:
    """True when any row of another model points at the area.

    Bookings (scheduling) will reference areas by foreign key; checking every reverse
    relation means this rule holds the moment that model exists, whatever it names the
    field, and also protects any later reference (deleting would cascade or fail).
    """
    for relation in area._meta.related_objects:
        if relation.many_to_many:
            continue
        if relation.related_model._default_manager.filter(**{relation.field.name: area}).exists():
            return True
    return False


@transaction.atomic
def area_delete(*, area: ExpertArea) -> bool:
    """Delete the area, or only deactivate it when bookings refer to it.

    Returns True when the row was deleted (also when a concurrent request deleted it
    first), False when it was kept but deactivated.
    """
    try:
        area = ExpertArea.objects.select_for_update().get(pk=area.pk)
    except ExpertArea.DoesNotExist:  # a concurrent request (a double-clicked "Delete") was first
        return True
    expert_id = area.expert_id
    if _area_has_bookings(area):
        if area.active:
            area.active = False
            area.save(update_fields=["active", "updated_at"])
        deleted = False
    else:
        area.delete()
        deleted = True
    expert_directory_refresh(expert_ids=[expert_id])
    slots_cache_invalidate(expert_id=expert_id)
    return deleted
