"""A person's request to have their account deleted (UX "Account": delete account request).

The request is recorded at once; staff process it in admin, which deactivates the user
and replaces their personal details (``accounts.services_deletion``). Rows are kept as
the record of what was asked and done.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeletionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AccountDeletionRequest(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deletion_requests", verbose_name=_("user")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeletionStatus.choices, default=DeletionStatus.PENDING
    )
    reason = models.TextField(_("reason"), max_length=500, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("processed by"),
    )

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            # One open request per person: asking twice is the same request.
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="one_pending_deletion_request_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"Deletion request {self.pk} ({self.status})"
