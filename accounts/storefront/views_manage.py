"""The expert's own storefront pages: profile, photo and services (areas).

Experts only: clients get 403, visitors are sent to log in. HTMX requests get the
partial they swap; plain form posts get a redirect, so the pages work without script.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import ExpertArea, ExpertProfile, Role
from accounts.storefront.errors import PhotoInvalid, StorefrontInvalid
from accounts.storefront.forms import AreaForm, ExpertProfileForm, PhotoForm
from accounts.storefront.public import expert_photo_url
from accounts.storefront.selectors import expert_areas, expert_onboarding_status
from accounts.storefront.services import (
    expert_photo_remove,
    expert_photo_set,
    expert_profile_update,
)
from accounts.storefront.services_areas import area_create, area_delete, area_update
from procusmeet.errors import UserFacingPermissionDenied

AREAS_TEMPLATE = "storefront/areas.html"


def expert_required(view):
    """Pass the signed-in expert's profile to the view; 403 for anyone else signed in."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        profile = ExpertProfile.objects.filter(user=request.user).first() if request.user.role == Role.EXPERT else None
        if profile is None:
            raise UserFacingPermissionDenied(_("Only experts have a storefront."))
        return view(request, profile, *args, **kwargs)

    return wrapper


def _add_service_errors(form, error: StorefrontInvalid, aliases: dict | None = None) -> None:
    aliases = aliases or {}
    for field, problems in error.fields.items():
        name = aliases.get(field, field)
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)
    if not error.fields:
        form.add_error(None, error.message)


def _profile_context(profile: ExpertProfile, form, photo_form) -> dict:
    return {
        "profile": profile,
        "form": form,
        "photo_form": photo_form,
        "photo_url": expert_photo_url(profile),
        "onboarding": expert_onboarding_status(profile),
    }


@expert_required
@require_http_methods(["GET", "POST"])
def profile_edit(request, profile: ExpertProfile):
    if request.method == "POST":
        form = ExpertProfileForm(request.POST)
        if form.is_valid():
            try:
                expert_profile_update(profile=profile, **form.changes())
            except StorefrontInvalid as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Profile saved."))
                return redirect("experts:profile-edit")
    else:
        form = ExpertProfileForm(initial=ExpertProfileForm.initial_from(profile))
    return render(request, "storefront/profile_edit.html", _profile_context(profile, form, PhotoForm()))


@expert_required
@require_POST
def photo_upload(request, profile: ExpertProfile):
    """Plain form fallback; the page's script uploads to ``POST /api/v1/me/photo``."""
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            expert_photo_set(profile=profile, upload=form.cleaned_data["photo"])
        except PhotoInvalid as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Photo updated."))
            return redirect("experts:profile-edit")
    edit_form = ExpertProfileForm(initial=ExpertProfileForm.initial_from(profile))
    return render(request, "storefront/profile_edit.html", _profile_context(profile, edit_form, form), status=400)


@expert_required
@require_POST
def photo_remove(request, profile: ExpertProfile):
    expert_photo_remove(profile=profile)
    messages.success(request, _("Photo removed."))
    return redirect("experts:profile-edit")


def _areas_page(request, profile: ExpertProfile, form: AreaForm, *, status: int = 200, edit_form: AreaForm | None = None):
    context = {
        "profile": profile,
        "areas": expert_areas(expert=profile),
        "form": form,
        "edit_form": edit_form,
        "editing": int(edit_form.prefix.removeprefix("area-")) if edit_form else None,
    }
    template = f"{AREAS_TEMPLATE}#panel" if request.htmx else AREAS_TEMPLATE
    return render(request, template, context, status=status)


def _edit_form(area: ExpertArea, data=None) -> AreaForm:
    # One prefix per row keeps ids unique when several rows are open for editing.
    options = {"prefix": f"area-{area.pk}", "currency": area.expert.currency}
    if data is not None:
        return AreaForm(data, **options)
    return AreaForm(initial=AreaForm.initial_from(area), **options)


@expert_required
@require_http_methods(["GET", "POST"])
def areas(request, profile: ExpertProfile):
    """List of services with an add form; a valid POST adds one."""
    if request.method == "GET":
        return _areas_page(request, profile, AreaForm(currency=profile.currency))
    form = AreaForm(request.POST, currency=profile.currency)
    if form.is_valid():
        try:
            area_create(expert=profile, **form.changes())
        except StorefrontInvalid as error:
            _add_service_errors(form, error, {"price": "price_major"})
        else:
            messages.success(request, _("Service added."))
            fresh = AreaForm(currency=profile.currency)
            return _areas_page(request, profile, fresh) if request.htmx else redirect("experts:areas")
    return _areas_page(request, profile, form, status=400 if not request.htmx else 200)


def _row(request, area: ExpertArea, form: AreaForm | None = None):
    return render(request, "storefront/_area_swap.html", {"area": area, "form": form})


def _after_change(request, area: ExpertArea, message: str):
    messages.success(request, message)
    return _row(request, area) if request.htmx else redirect("experts:areas")


@expert_required
@require_http_methods(["GET"])
def area_row(request, profile: ExpertProfile, area_id: int):
    area = get_object_or_404(ExpertArea, pk=area_id, expert=profile)
    return _row(request, area) if request.htmx else redirect("experts:areas")


@expert_required
@require_http_methods(["GET", "POST"])
def area_edit(request, profile: ExpertProfile, area_id: int):
    """GET: the inline edit form; POST: save it (the row comes back)."""
    area = get_object_or_404(ExpertArea.objects.select_related("expert"), pk=area_id, expert=profile)
    form = _edit_form(area, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            area = area_update(area=area, **form.changes())
        except StorefrontInvalid as error:
            _add_service_errors(form, error, {"price": "price_major"})
        else:
            return _after_change(request, area, _("Service saved."))
    if request.htmx:
        return _row(request, area, form)
    add_form = AreaForm(currency=profile.currency)
    return _areas_page(request, profile, add_form, edit_form=form, status=400 if form.is_bound else 200)


@expert_required
@require_POST
def area_set_active(request, profile: ExpertProfile, area_id: int, active: bool):
    area = get_object_or_404(ExpertArea, pk=area_id, expert=profile)
    try:
        area = area_update(area=area, active=active)
    except StorefrontInvalid as error:
        messages.error(request, error.fields.get("price", [error.message])[0])
        return _row(request, area) if request.htmx else redirect("experts:areas")
    return _after_change(request, area, _("Service is live.") if active else _("Service paused."))


@expert_required
@require_POST
def area_remove(request, profile: ExpertProfile, area_id: int):
    area = get_object_or_404(ExpertArea, pk=area_id, expert=profile)
    if area_delete(area=area):
        messages.success(request, _("Service deleted."))
        if request.htmx:
            return render(request, "storefront/_deleted.html")
        return redirect("experts:areas")
    area.refresh_from_db()
    return _after_change(request, area, _("Clients have booked this service, so it was paused instead of deleted."))
