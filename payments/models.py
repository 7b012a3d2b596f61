"""Payments data.

``TestTransaction`` and ``TestTransfer`` are the whole state of the offline ``test``
provider (SPEC §5): what a real gateway would keep on its side. They hold no real
money and are separate from the marketplace's own payment records.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TestTransaction(models.Model):
    """A charge opened at the test checkout, with Paystack's transaction statuses."""

    __test__ = False  # not a pytest test class, whatever its name says

    class Status(models.TextChoices):
        ABANDONED = "abandoned", _("Not paid yet")
        FAILED = "failed", _("Failed")
        SUCCESS = "success", _("Paid")
        REVERSED = "reversed", _("Refunded in full")

    reference = models.CharField(_("reference"), max_length=100, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (minor units)"))
    currency = models.CharField(_("currency"), max_length=3)
    email = models.EmailField(_("payer's email"))
    callback_url = models.CharField(_("callback URL"), max_length=500)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ABANDONED)
    refunded_amount = models.PositiveBigIntegerField(_("refunded (minor units)"), default=0)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("test-mode transaction")
        verbose_name_plural = _("test-mode transactions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"


class TestTransfer(models.Model):
    """A payout sent through the test provider; its outcome is decided at once."""

    __test__ = False

    class Status(models.TextChoices):
        SUCCESS = "success", _("Paid")
        FAILED = "failed", _("Failed")

    reference = models.CharField(_("reference"), max_length=100, unique=True)
    transfer_code = models.CharField(_("transfer code"), max_length=40, unique=True)
    amount = models.PositiveBigIntegerField(_("amount (minor units)"))
    currency = models.CharField(_("currency"), max_length=3)
    recipient_code = models.CharField(_("recipient code"), max_length=100)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("test-mode transfer")
        verbose_name_plural = _("test-mode transfers")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"


class PaymentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting payment")
    HELD = "held", _("Held in escrow")
    # Released from escrow to the expert's balance; a payout to their bank is a separate step
    # (Payout), so "paid out" here would contradict the payouts page.
    SUCCEEDED = "succeeded", _("Released to the expert")
    REFUNDED = "refunded", _("Refunded")
    FAILED = "failed", _("Not paid")


class Payment(models.Model):
    """The client's payment for one call (SPEC §5), with its own states (escrow).

    ``pending`` → ``held`` once the provider confirms the charge (amount and currency
    checked); ``held`` → ``succeeded`` when the call is completed (``platform_fee`` and
    ``expert_share`` are set then) or ``refunded`` when it will not happen. ``failed``
    means no money was taken (the booking expired or was cancelled unpaid) or the charge
    did not match. A refund the provider refused leaves the payment ``held`` with
    ``refund_error`` set, which admin lists and the retry job picks up.
    """

    call = models.OneToOneField("calls.Call", on_delete=models.PROTECT, related_name="payment", verbose_name=_("call"))
    amount = models.PositiveBigIntegerField(_("amount (minor units)"))
    currency = models.CharField(_("currency"), max_length=3)
    provider = models.CharField(_("provider"), max_length=20)
    reference = models.CharField(_("reference"), max_length=100, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    # Root-relative for the test provider (a page of this site), absolute for Paystack.
    authorization_url = models.CharField(_("checkout address"), max_length=500, blank=True)
    platform_fee = models.PositiveBigIntegerField(_("platform fee (minor units)"), null=True, blank=True)
    expert_share = models.PositiveBigIntegerField(_("expert's share (minor units)"), null=True, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=300, blank=True)
    refund_status = models.CharField(_("refund status at the provider"), max_length=20, blank=True)
    refund_error = models.CharField(_("last refund error"), max_length=300, blank=True)
    held_at = models.DateTimeField(_("held at"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="payment_status_created_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=PaymentStatus.values), name="payment_status_valid"),
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.status})"

    @property
    def needs_attention(self) -> bool:
        """A refund that did not go through, or one the provider reported as failed."""
        return bool(self.refund_error) or self.refund_status in {"failed", "needs-attention"}


class WebhookEvent(models.Model):
    """Every signed webhook delivery we accepted, once per ``dedupe_key``.

    A duplicate delivery finds its row and has no second effect; a row whose
    ``processed_at`` is still empty failed to process and is retried by a job.
    """

    provider = models.CharField(_("provider"), max_length=20)
    dedupe_key = models.CharField(_("deduplication key"), max_length=200)
    event = models.CharField(_("event"), max_length=60)
    payload = models.JSONField(_("payload"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("processing attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["provider", "dedupe_key"], name="webhook_event_unique_delivery")]

    def __str__(self) -> str:
        return f"{self.provider} {self.dedupe_key}"


# Bank accounts and payouts live in their own module (the payouts work); imported here
# so Django registers them with this app.
from payments.models_payouts import BankAccount, Payout, PayoutStatus, PlatformRevenue  # noqa: E402,F401
