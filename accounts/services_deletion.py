"""Deleting an account: the person asks (confirming with their password), staff process.

Processing keeps the rows other people and the books rely on (bookings, payments,
reviews) and removes who the person was: the user is deactivated (signed out
everywhere, API tokens refused), their name, email, sign-in addresses and linked
Google account are replaced or removed, and an expert's public profile is hidden and
emptied.
"""

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AccountDeletionRequest, DeletionStatus, ExpertProfile, User
from accounts.services import user_deactivate, user_profile_update
from accounts.storefront.services import expert_hide, expert_photo_remove
from ops.audit import audit_record
from procusmeet.api.errors import ApplicationError, Conflict
from scheduling.bookings.states import ACTIVE_STATUSES
from scheduling.models_booking import Booking

DELETED_NAME = "Deleted user"


class WrongPassword(ApplicationError):
    code = "wrong_password"


class ActiveBookings(Conflict):
    code = "account_has_active_bookings"


def deletion_request_pending(*, user: User) -> AccountDeletionRequest | None:
    """The user's open request, if any (for the account page)."""
    return AccountDeletionRequest.objects.filter(user=user, status=DeletionStatus.PENDING).first()


@transaction.atomic
def account_deletion_request(*, user: User, password: str, reason: str = "") -> AccountDeletionRequest:
    """Record that ``user`` asks for their account to be deleted.

    The password proves the person at the keyboard owns the account (a session left
    open on a shared computer is not enough). Asking again while a request is open
    returns that request.
    """
    if not user.has_usable_password():
        raise WrongPassword(
            _("Set a password first, then confirm with it."),
            fields={"password": [_("Your account has no password yet.")]},
        )
    if not user.check_password(password):
        raise WrongPassword(_("The password is not right."), fields={"password": [_("The password is not right.")]})
    User.objects.select_for_update().filter(pk=user.pk).first()  # one open request, even for a double click
    existing = deletion_request_pending(user=user)
    if existing is not None:
        return existing
    request = AccountDeletionRequest.objects.create(user=user, reason=reason.strip()[:500])
    audit_record(actor=user, action="accounts.accountdeletionrequest.requested", target=request)
    return request


@transaction.atomic
def account_deletion_withdraw(*, user: User) -> AccountDeletionRequest | None:
    """The person changed their mind: their open request (if any) is withdrawn."""
    request = (
        AccountDeletionRequest.objects.select_for_update().filter(user=user, status=DeletionStatus.PENDING).first()
    )
    if request is None:
        return None
    request.status = DeletionStatus.WITHDRAWN
    request.processed_at = timezone.now()
    request.save(update_fields=["status", "processed_at"])
    audit_record(actor=user, action="accounts.accountdeletionrequest.withdrawn", target=request)
    return request


@transaction.atomic
def account_deletion_complete(*, request_id: int, staff: User) -> AccountDeletionRequest:
    """Staff process a pending request: deactivate and anonymise its user.

    Refused (409) while the user still has a pending or confirmed booking: those must
    be finished or cancelled (with their refunds) first, or someone would lose a call
    or their money.
    """
    request = AccountDeletionRequest.objects.select_for_update().select_related("user").get(pk=request_id)
    if request.status != DeletionStatus.PENDING:
        raise Conflict(_("This request is no longer pending."))
    user = User.objects.select_for_update().get(pk=request.user_id)
    # An expert's bookings are decided under their profile's lock (booking_create takes
    # it too), so none can start between this check and the hiding below.
    ExpertProfile.objects.select_for_update().filter(user=user).first()
    # Every active booking counts, the unpaid ones too: their client may still be paying.
    active = Booking.objects.filter(Q(call__client=user) | Q(call__expert=user), status__in=ACTIVE_STATUSES)
    if active.exists():
        raise ActiveBookings(_("This person still has pending or confirmed bookings; cancel or finish them first."))
    user_deactivate(user=user)
    _anonymise(user)
    request.status = DeletionStatus.COMPLETED
    request.processed_at = timezone.now()
    request.processed_by = staff
    request.save(update_fields=["status", "processed_at", "processed_by"])
    return request


def _anonymise(user: User) -> None:
    profile = ExpertProfile.objects.filter(user=user).first()
    changes = {"full_name": DELETED_NAME}
    if profile is not None:
        expert_hide(profile=profile)
        if profile.photo:
            expert_photo_remove(profile=profile)
        # The slug was made from their name; the public address must not keep it.
        changes |= {
            "display_name": DELETED_NAME,
            "headline": "",
            "bio": "",
            "social_links": [],
            "slug": f"deleted-{profile.pk}",
        }
    user_profile_update(user=user, changes=changes)
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.set_unusable_password()
    user.save(update_fields=["email", "password"])
