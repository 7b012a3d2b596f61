"""The expert's private notes on a call (SPEC §4): only that expert ever reads them —
not the client, not other experts, not staff in admin (which shows metadata only)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CallNote(models.Model):
    call = models.ForeignKey("calls.Call", on_delete=models.CASCADE, related_name="notes", verbose_name=_("call"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="call_notes", verbose_name=_("author")
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("private call note")
        verbose_name_plural = _("private call notes")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["call", "created_at"], name="call_note_call_created_idx")]

    def __str__(self) -> str:
        return f"Note {self.pk} on call {self.call_id}"
