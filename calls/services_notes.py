"""The expert's private notes on a call (SPEC §4): write, edit, delete.

Only the call's expert gets here (the selectors answer 404 to everyone else, the
client included), and only once the call has started: its scheduled start has passed
or someone has joined. Notes never reach notifications or email.
"""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from calls.errors import CallNotFound, NoteInvalid, NotesNotOpen
from calls.models import Call, CallNote, CallStatus

NOTE_MAX_CHARS = 10_000
_HAPPENED = frozenset({CallStatus.IN_PROGRESS, CallStatus.COMPLETED, CallStatus.NO_SHOW})


def notes_open(call: Call, now: dt.datetime) -> bool:
    """Notes are about a call that has started (or was due and someone never came)."""
    if call.status in _HAPPENED:
        return True
    return call.status == CallStatus.SCHEDULED and now >= call.scheduled_start


def _body_checked(body: str) -> str:
    body = (body or "").strip()
    if not body:
        message = _("Write something first.")
    elif len(body) > NOTE_MAX_CHARS:
        message = _("A note can be at most %(n)d characters.") % {"n": NOTE_MAX_CHARS}
    else:
        return body
    raise NoteInvalid(message, fields={"body": [message]})


def _require_expert(call: Call, actor) -> None:
    if not actor.is_authenticated or actor.pk != call.expert_id:
        raise CallNotFound()


@transaction.atomic
def note_create(*, call: Call, actor, body: str, now: dt.datetime | None = None) -> CallNote:
    """Errors: ``CallNotFound`` (not the call's expert), ``NotesNotOpen`` (409, the call
    has not started), ``NoteInvalid`` (400, empty or too long)."""
    _require_expert(call, actor)
    if not notes_open(call, now or timezone.now()):
        raise NotesNotOpen(_("You can write notes once the call has started."))
    return CallNote.objects.create(call=call, author=actor, body=_body_checked(body))


@transaction.atomic
def note_update(*, note: CallNote, actor, body: str) -> CallNote:
    _require_expert(note.call, actor)
    note.body = _body_checked(body)
    note.save(update_fields=["body", "updated_at"])
    return note


@transaction.atomic
def note_delete(*, note: CallNote, actor) -> None:
    _require_expert(note.call, actor)
    note.delete()
