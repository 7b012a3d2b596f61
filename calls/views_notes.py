"""The expert's private notes page: add, edit and delete notes on a call.

Each change is a plain POST form (works without JavaScript: back to the page with a
message); with HTMX the notes section is swapped in place with a toast. Anyone but the
call's expert gets 404, the client included.
"""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from calls.errors import CallNotFound, NoteNotFound
from calls.models import Call
from calls.selectors import call_of_expert, note_get, notes_list
from calls.services_notes import NOTE_MAX_CHARS, note_create, note_delete, note_update, notes_open
from calls.views import page_context
from procusmeet.api.errors import ApplicationError
from accounts.selectors import user_zone


def _expert_call(request, call_id: int) -> Call:
    try:
        return call_of_expert(user=request.user, call_id=call_id)
    except CallNotFound:
        raise Http404(_("No such call.")) from None


def _notes_context(call: Call, *, error: str = "", draft: str = "") -> dict:
    return {
        "call": call,
        "notes": notes_list(call=call),
        "can_write": notes_open(call, timezone.now()),
        "note_max": NOTE_MAX_CHARS,
        "error": error,
        "draft": draft,
    }


@login_required
@require_GET
def notes_page(request, call_id: int):
    call = _expert_call(request, call_id)
    return render(request, "calls/notes.html", {**page_context(request, call), **_notes_context(call)})


def _answer(request, call: Call, *, error: str = "", draft: str = ""):
    """The re-rendered notes section for HTMX, or back to the page."""
    if not request.htmx:
        return redirect("calls:notes", call_id=call.pk)
    zone = user_zone(request.user).key
    context = {**_notes_context(call, error=error, draft=draft), "zone": zone, "oob": True}
    return render(request, "calls/notes_response.html", context)


def _run(request, call: Call, action, success: str, *, draft: str = ""):
    try:
        action()
    except ApplicationError as error:
        messages.error(request, error.message)
        return _answer(request, call, error=error.message, draft=draft)
    messages.success(request, success)
    return _answer(request, call)


@login_required
@require_POST
def note_add(request, call_id: int):
    call = _expert_call(request, call_id)
    body = request.POST.get("body", "")
    add = partial(note_create, call=call, actor=request.user, body=body)
    return _run(request, call, add, _("Note saved."), draft=body)


def _note_or_404(call: Call, note_id: int):
    try:
        return note_get(call=call, note_id=note_id)
    except NoteNotFound:
        raise Http404(_("No such note.")) from None


@login_required
@require_POST
def note_edit(request, call_id: int, note_id: int):
    call = _expert_call(request, call_id)
    note = _note_or_404(call, note_id)
    edit = partial(note_update, note=note, actor=request.user, body=request.POST.get("body", ""))
    return _run(request, call, edit, _("Note updated."))


@login_required
@require_POST
def note_remove(request, call_id: int, note_id: int):
    call = _expert_call(request, call_id)
    note = _note_or_404(call, note_id)
    return _run(request, call, partial(note_delete, note=note, actor=request.user), _("Note deleted."))
