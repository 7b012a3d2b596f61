"""Payout data: the expert's bank account (a Paystack transfer recipient) and payouts.

Every row is written by ``payments.bank_accounts`` or ``payments.payout_services``;
nothing here changes itself. The expert's ``BankAccount`` row doubles as their payout
lock: a payout request locks it and recomputes the balance inside that transaction,
so two simultaneous requests can never overdraw (SPEC §5).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.models import Payment

MASK_VISIBLE_DIGITS = 4


def mask_account_number(number: str) -> str:
    """``0123456789`` → ``••••••6789``: enough to recognise it, not to use it."""
    hidden = max(len(number) - MASK_VISIBLE_DIGITS, 0)
    return "•" * hidden + number[hidden:]


class BankAccount(models.Model):
    """Where an expert's payouts go: one per expert, replaced as a whole when changed."""

    expert = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bank_account", verbose_name=_("expert")
    )
    currency = models.CharField(_("currency"), max_length=3)
    bank_code = models.CharField(_("bank code"), max_length=20)
    bank_name = models.CharField(_("bank"), max_length=120)
    account_number = models.CharField(_("account number"), max_length=20)
    account_name = models.CharField(_("account name"), max_length=200)
    recipient_code = models.CharField(_("transfer recipient code"), max_length=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("bank account")
        verbose_name_plural = _("bank accounts")

    def __str__(self) -> str:
        return f"{self.bank_name} {self.masked_number}"

    @property
    def masked_number(self) -> str:
        return mask_account_number(self.account_number)


class PayoutStatus(models.TextChoices):
    PENDING = "pending", _("Requested")
    PROCESSING = "processing", _("On its way")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")


# Statuses whose amount is taken out of the balance (a failed payout gives it back).
PAYOUT_RESERVING = (PayoutStatus.PENDING, PayoutStatus.PROCESSING, PayoutStatus.PAID)


class Payout(models.Model):
    """Money sent from the platform's balance to the expert's bank account.

    ``pending`` (requested, reserved from the balance) → ``processing`` (sent to the
    provider with our own ``reference``) → ``paid`` or ``failed``. A failed payout
    (or a reversed one) returns its amount to the balance and may be retried, always
    with the same ``reference``, so the provider can never pay it twice.
    """

    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="payouts", verbose_name=_("expert")
    )
    amount = models.PositiveBigIntegerField(_("amount (minor units)"))
    currency = models.CharField(_("currency"), max_length=3)
    reference = models.CharField(_("reference"), max_length=100, unique=True)
    recipient_code = models.CharField(_("transfer recipient code"), max_length=100)
    transfer_code = models.CharField(_("transfer code"), max_length=100, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PayoutStatus.choices, default=PayoutStatus.PENDING)
    failure_reason = models.CharField(_("failure reason"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("transfer attempts"), default=0)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["expert", "-requested_at"], name="payout_expert_requested_idx"),
            models.Index(fields=["status", "updated_at"], name="payout_status_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payout_amount_positive"),
            models.CheckConstraint(condition=Q(status__in=PayoutStatus.values), name="payout_status_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"


class PlatformRevenue(Payment):
    """Admin's view of the platform's fees (a proxy: no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("platform revenue")
        verbose_name_plural = _("platform revenue")
