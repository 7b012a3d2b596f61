"""Every write to users and profiles goes through these functions."""

import re

from allauth.account.models import EmailAddress
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.errors import EmailTaken, InvalidCredentials, SlugTaken
from accounts.models import ClientProfile, ExpertProfile, Role, User
from accounts.selectors import user_get_with_profile
from accounts.storefront.services import expert_profile_update, validation_fields
from accounts.storefront.validators import RESERVED_SLUGS
from accounts.tokens import TokenPair, session_start, sessions_revoke_all
from notifications.security import password_changed_alert
from procusmeet.api.errors import ApplicationError
from scheduling.cache import slots_cache_invalidate
from scheduling.timezones import zone_name_current, zone_or_none

USER_EDITABLE_FIELDS = frozenset({"full_name"})
PROFILE_EDITABLE_FIELDS = {
    Role.CLIENT: frozenset({"timezone"}),
    Role.EXPERT: frozenset(
        {
            "display_name",
            "headline",
            "bio",
            "languages",
            "slug",
            "timezone",
            "currency",
            "min_notice_minutes",
            "horizon_days",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "daily_limit",
            # Storefront fields (issue 3), saved through accounts.storefront.services.
            "categories",
            "years_experience",
            "social_links",
        }
    ),
}


def _unique_slug(base: str) -> str:
    # Within the storefront's slug rules: lowercase words joined by single hyphens, at
    # least 3 characters, never a reserved /experts/ path such as "me".
    root = re.sub(r"[-_]+", "-", slugify(base))[:60].strip("-") or "expert"
    if len(root) < 3 or root in RESERVED_SLUGS:
        root = f"expert-{root}"
    candidate, suffix = root, 2
    while ExpertProfile.objects.filter(slug=candidate).exists():
        candidate, suffix = f"{root}-{suffix}", suffix + 1
    return candidate


def profile_create(*, user: User, timezone: str | None = None) -> ClientProfile | ExpertProfile:
    """Create the profile of the user's role; call inside the user's transaction.

    ``timezone`` is where the person signed up from (their browser's zone, or the API
    caller's): times then read right from their first page. A name tzdata does not know
    is ignored, leaving the model's default.
    """
    zone = zone_or_none(timezone or "")
    zone_fields = {"timezone": zone.key} if zone else {}
    if user.role == Role.EXPERT:
        return _expert_profile_create(user=user, **zone_fields)
    return ClientProfile.objects.create(user=user, **zone_fields)


def _expert_profile_create(*, user: User, attempts: int = 5, **fields: str) -> ExpertProfile:
    # Two people with the same name signing up at once both see the slug free; the
    # second insert then waits for the first and fails on the unique index. Picking
    # again (the first one's slug is visible by then) gives it the next suffix.
    base = user.full_name or user.email.split("@")[0]

    def create() -> ExpertProfile:
        return ExpertProfile.objects.create(user=user, display_name=user.full_name, slug=_unique_slug(base), **fields)

    for _attempt in range(attempts - 1):
        try:
            with transaction.atomic():
                return create()
        except IntegrityError:
            continue
    return create()  # the last try lets a conflict that keeps coming back surface


@transaction.atomic
def user_create(
    *,
    email: str,
    full_name: str,
    role: str,
    password: str | None = None,
    is_staff: bool = False,
    is_superuser: bool = False,
    timezone: str | None = None,
) -> User:
    """Create a user and the profile of their role in one transaction.

    ``password=None`` gives an unusable password (Google-only accounts). Staff made by
    ``createsuperuser`` come here too, through ``UserManager``.
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise EmailTaken(_("An account with this email already exists."), fields={"email": [_("Already registered.")]})
    user = User(email=email, full_name=full_name.strip(), role=role, is_staff=is_staff, is_superuser=is_superuser)
    user.set_password(password) if password else user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent sign-up with the same email won the race
        raise EmailTaken(_("An account with this email already exists."), fields={"email": [_("Already registered.")]}) from exc
    # The row allauth's web sign-up makes too: without it the email pages do not know
    # the login address, and confirming a second address would silently make that one
    # the login email (allauth promotes a confirmed address when none is primary).
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
    profile_create(user=user, timezone=timezone)
    return user


@transaction.atomic
def user_password_set(*, user: User, password: str) -> None:
    """Set a new password (reset by email, change, first password of a Google account).

    Browser sessions signed in with the old password end through Django's session hash;
    API sessions must end too, or a token taken along with the old password would keep
    working for the refresh lifetime after the owner reset it. The owner is alerted in
    the app and by email: if it was not them, they learn of it at once.
    """
    had_password = user.has_usable_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    sessions_revoke_all(user_id=user.pk)
    password_changed_alert(user=user, had_password=had_password)


@transaction.atomic
def user_deactivate(*, user: User) -> User:
    """Lock a user out at once: web sessions end, API sessions are revoked, and the
    authentication classes refuse their access tokens on the next request."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.refresh_sessions.all().delete()
    for expert_id in ExpertProfile.objects.filter(user=user).values_list("pk", flat=True):
        slots_cache_invalidate(expert_id=expert_id)  # their public slot answers must 404 now
    return user


@transaction.atomic
def user_reactivate(*, user: User) -> User:
    """Let a deactivated user sign in again. Their old sessions ended at deactivation,
    so they start over with their password."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = True
    user.save(update_fields=["is_active"])
    for expert_id in ExpertProfile.objects.filter(user=user).values_list("pk", flat=True):
        slots_cache_invalidate(expert_id=expert_id)
    return user


@transaction.atomic
def user_logout_everywhere(*, user: User) -> None:
    """End every API session and every browser session of the user (a lost device, a
    leaked password); they sign in again with their password."""
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    sessions_revoke_all(user_id=user.pk)


@transaction.atomic
def user_register(
    *,
    email: str,
    password: str,
    full_name: str,
    role: str,
    timezone: str | None = None,
    user_agent: str = "",
    ip: str | None = None,
) -> tuple[User, TokenPair]:
    """Sign up through the API: the user, their profile and a first API session."""
    user = user_create(email=email, full_name=full_name, role=role, password=password, timezone=timezone)
    return user, session_start(user=user, user_agent=user_agent, ip=ip)


def user_login(*, email: str, password: str, user_agent: str = "", ip: str | None = None) -> TokenPair:
    """Open an API session with email and password.

    Unknown email, wrong password and inactive account give the same error, so the
    answer never tells whether an address is registered.
    """
    # ModelBackend matches the email case-insensitively, refuses inactive users and
    # spends the same hashing time when the user does not exist.
    user = ModelBackend().authenticate(None, username=email.strip(), password=password)
    if user is None:
        raise InvalidCredentials(_("Email or password is incorrect."))
    return session_start(user=user, user_agent=user_agent, ip=ip)


def _profile_for_update(user: User) -> ClientProfile | ExpertProfile:
    model = ExpertProfile if user.role == Role.EXPERT else ClientProfile
    profile = model.objects.select_for_update().filter(user=user).first()
    # Users made with `createsuperuser` before it created profiles have none yet; the
    # first edit gives them one.
    return profile or profile_create(user=user)


def _save_validated(instance, changes: dict) -> None:
    for name, value in changes.items():
        setattr(instance, name, value)
    untouched = [f.name for f in instance._meta.fields if f.name not in changes]
    try:
        instance.full_clean(exclude=untouched, validate_unique=False)
    except ValidationError as error:
        # An ApplicationError, like the storefront's, so page and API callers handle one type.
        raise ApplicationError(_("The request has invalid fields."), fields=validation_fields(error)) from None
    fields = list(changes) + (["updated_at"] if hasattr(instance, "updated_at") else [])
    instance.save(update_fields=fields)


@transaction.atomic
def user_profile_update(*, user: User, changes: dict) -> User:
    """Change a user's own name and the editable fields of their role profile.

    ``changes`` holds only the fields to change; a field the role does not have, or a
    value the model refuses, raises a 400 with field errors.
    """
    user_changes = {k: v for k, v in changes.items() if k in USER_EDITABLE_FIELDS}
    profile_changes = {k: v for k, v in changes.items() if k not in USER_EDITABLE_FIELDS}
    not_editable = set(profile_changes) - PROFILE_EDITABLE_FIELDS[user.role]
    if not_editable:
        message = _("This field cannot be changed.")
        raise ApplicationError(_("The request has invalid fields."), fields={name: [message] for name in sorted(not_editable)})
    if user_changes:
        _save_validated(user, user_changes)
    if profile_changes:
        _profile_update(_profile_for_update(user), profile_changes)
    return user_get_with_profile(user_id=user.pk)


def _profile_update(profile: ClientProfile | ExpertProfile, changes: dict) -> None:
    slug = changes.get("slug")
    slug_taken = SlugTaken(_("This profile address is taken."), fields={"slug": [_("This address is already taken.")]})
    if slug and ExpertProfile.objects.filter(slug=slug).exclude(pk=profile.pk).exists():
        raise slug_taken
    try:
        with transaction.atomic():
            if isinstance(profile, ExpertProfile):
                # One service keeps the bio HTML, search index, currency rule and categories right.
                expert_profile_update(profile=profile, **changes)
            else:
                if isinstance(changes.get("timezone"), str):  # "Asia/Calcutta" is saved as "Asia/Kolkata"
                    changes = {**changes, "timezone": zone_name_current(changes["timezone"])}
                _save_validated(profile, changes)
    except IntegrityError as exc:
        if "slug" not in changes:
            raise
        raise slug_taken from exc  # a concurrent edit took the same slug first
