"""Every write to users and profiles goes through these functions."""

from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.errors import EmailTaken
from accounts.models import ClientProfile, ExpertProfile, Role, User


def _unique_slug(base: str) -> str:
    root = slugify(base)[:60] or "expert"
    candidate, suffix = root, 2
    while ExpertProfile.objects.filter(slug=candidate).exists():
        candidate, suffix = f"{root}-{suffix}", suffix + 1
    return candidate


def profile_create(*, user: User) -> ClientProfile | ExpertProfile:
    """Create the profile of the user's role; call inside the user's transaction."""
    if user.role == Role.EXPERT:
        return ExpertProfile.objects.create(
            user=user, display_name=user.full_name, slug=_unique_slug(user.full_name or user.email.split("@")[0])
        )
    return ClientProfile.objects.create(user=user)


@transaction.atomic
def user_create(*, email: str, full_name: str, role: str, password: str | None = None) -> User:
    """Create a user and the profile of their role in one transaction.

    ``password=None`` gives an unusable password (Google-only accounts).
    """
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise EmailTaken(_("An account with this email already exists."), fields={"email": [_("Already registered.")]})
    user = User(email=email, full_name=full_name.strip(), role=role)
    user.set_password(password) if password else user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as exc:  # a concurrent sign-up with the same email won the race
        raise EmailTaken(_("An account with this email already exists."), fields={"email": [_("Already registered.")]}) from exc
    profile_create(user=user)
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> User:
    """Lock a user out at once: web sessions end, API sessions are revoked, and the
    authentication classes refuse their access tokens on the next request."""
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = False
    user.save(update_fields=["is_active"])
    user.refresh_sessions.all().delete()
    return user
