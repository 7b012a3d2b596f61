"""Public storefront pages: the expert directory and each expert's profile."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Category
from accounts.storefront.availability import expert_next_times
from accounts.storefront.forms import DirectoryPageFilterForm
from accounts.storefront.paging import DirectoryPaginator
from accounts.storefront.public import expert_page_url, expert_photo_url
from accounts.storefront.selectors import Available, expert_public_get, experts_directory
from accounts.storefront.seo import expert_json_ld, expert_meta_description

PAGE_SIZE = 20
NEXT_TIMES = 4  # free times the profile offers at a glance, for the widget's first service


def directory(request):
    """``/experts/``: search and filters; HTMX requests get only the results block."""
    form = DirectoryPageFilterForm(request.GET)
    form.is_valid()  # invalid fields are shown as errors and left out; valid ones still filter
    filters, now = form.filters(), timezone.now()
    paginator = DirectoryPaginator(
        experts_directory(filters=filters, now=now), PAGE_SIZE, now=now, free_this_week=filters.available == Available.WEEK
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": any(query.values())}
    if request.htmx:
        return render(request, "experts/directory.html#results", context)
    context["categories"] = Category.objects.all()
    return render(request, "experts/directory.html", context)


def detail(request, slug: str):
    """``/experts/<slug>/``: 404 for hidden experts and deactivated users."""
    if slug != slug.lower():  # addresses are lowercase; one retyped with capitals still arrives
        return redirect("experts:detail", slug=slug.lower(), permanent=True)
    profile = expert_public_get(slug=slug)
    if profile is None:
        raise Http404(_("No such expert."))
    # The booking widget opens on the first (cheapest) service: its next times match it.
    first_area = profile.active_areas[0] if profile.active_areas else None
    next_times = (
        expert_next_times(profile=profile, area=first_area, count=NEXT_TIMES, now=timezone.now()) if first_area else []
    )
    context = {
        "profile": profile,
        "areas": profile.active_areas,
        "canonical_url": expert_page_url(profile),
        "photo_url": expert_photo_url(profile),
        "meta_description": expert_meta_description(profile),
        "json_ld": expert_json_ld(profile),
        "is_owner": request.user.is_authenticated and request.user.pk == profile.user_id,
        "first_area": first_area,
        "next_times": next_times,
    }
    return render(request, "experts/detail.html", context)
