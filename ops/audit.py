"""Writing the staff audit log: ``audit_record`` for one entry, ``audited_action`` for
admin actions.

``audited_action(...)`` replaces ``@admin.action(...)`` on a ModelAdmin method (same
arguments): the action runs as before, then one entry per selected object records who
ran it, on what, and the object's status-like fields before and after, so the log shows
what actually changed ("held → refunded"), including when a service refused. With
``confirm=True`` the action first asks "are you sure?" and runs only once confirmed.
"""

import functools
import logging
from collections.abc import Callable, Iterable

from django.contrib import admin
from django.db import models, transaction

from ops.confirm import action_confirmation_page, action_confirmed
from ops.models import AuditEntry

logger = logging.getLogger(__name__)

# Fields that say what state an object is in; the ones a model has are recorded.
STATE_FIELDS = (
    "status", "is_active", "is_staff", "is_listed", "active", "hidden_by_staff", "refund_status", "verified"
)  # fmt: skip


def _label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def audit_record(*, actor, action: str, target: models.Model | None = None, data: dict | None = None) -> AuditEntry:
    """Append one entry: ``actor`` (a staff user, or None for the system) did ``action``
    to ``target``; ``data`` must be JSON-serialisable."""
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_email=getattr(actor, "email", "") or "",
        action=action[:120],
        target_type=_label(type(target)) if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        data=data or {},
    )


def _states(model: type[models.Model], pks: Iterable) -> dict:
    fields = [name for name in STATE_FIELDS if any(f.name == name for f in model._meta.concrete_fields)]
    if not fields:
        return {}
    rows = model._default_manager.filter(pk__in=pks).values("pk", *fields)
    return {row.pop("pk"): {name: str(value) for name, value in row.items()} for row in rows}


@transaction.atomic
def audit_action_record(
    *, actor, action: str, targets: list, before: dict, after: dict, description: str, outcome: str
) -> int:
    """One entry per target of an admin action; returns how many were written."""
    for target in targets:
        old, new = before.get(target.pk), after.get(target.pk)
        data = {"description": description, "outcome": outcome, "before": old, "after": new, "changed": old != new}
        audit_record(actor=actor, action=action, target=target, data=data)
    return len(targets)


def audited_action(*, confirm: bool = False, **action_kwargs) -> Callable:
    """``@audited_action(description=…, permissions=[…], confirm=…)`` on a ModelAdmin action."""

    def decorate(function: Callable) -> Callable:
        @functools.wraps(function)
        def run(modeladmin, request, queryset):
            description = str(action_kwargs.get("description") or function.__name__)
            if confirm and not action_confirmed(request):  # nothing runs, nothing to record yet
                return action_confirmation_page(
                    modeladmin, request, queryset, action=function.__name__, description=description
                )
            model = queryset.model
            targets = list(queryset)
            pks = [target.pk for target in targets]
            before = _states(model, pks)
            action = f"{_label(model)}.{function.__name__}"
            record = functools.partial(
                audit_action_record, actor=request.user, action=action, targets=targets, description=description
            )
            try:
                result = function(modeladmin, request, queryset)
            except Exception:
                record(before=before, after=_states(model, pks), outcome="error")
                raise
            after = _states(model, pks)
            gone = set(pks) - set(model._default_manager.filter(pk__in=pks).values_list("pk", flat=True))
            if result is not None and before == after and not gone:
                return result  # a confirmation page: nothing happened yet
            after = {pk: "deleted" if pk in gone else after.get(pk) for pk in pks}
            record(before=before, after=after, outcome="done")
            return result

        run.audited = True
        return admin.action(**action_kwargs)(run)

    return decorate
