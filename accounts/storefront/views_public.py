"""Public storefront pages: the expert directory and each expert's profile."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.models import Category
from accounts.storefront.forms import DirectoryPageFilterForm
from accounts.storefront.public import expert_page_url, expert_photo_url
from accounts.storefront.selectors import expert_public_get, experts_directory
from accounts.storefront.seo import expert_json_ld, expert_meta_description

PAGE_SIZE = 20


def directory(request):
    """``/experts/``: search and filters; HTMX requests get only the results block."""
    form = DirectoryPageFilterForm(request.GET)
    form.is_valid()  # invalid fields are shown as errors and left out; valid ones still filter
    page = Paginator(experts_directory(filters=form.filters()), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": any(query.values())}
    if request.htmx:
        return render(request, "experts/directory.html#results", context)
    context["categories"] = Category.objects.all()
    return render(request, "experts/directory.html", context)


def detail(request, slug: str):
    """``/experts/<slug>/``: 404 for hidden experts and deactivated users."""
    profile = expert_public_get(slug=slug)
    if profile is None:
        raise Http404(_("No such expert."))
    context = {
        "profile": profile,
        "areas": profile.active_areas,
        "canonical_url": expert_page_url(profile),
        "photo_url": expert_photo_url(profile),
        "meta_description": expert_meta_description(profile),
        "json_ld": expert_json_ld(profile),
        "is_owner": request.user.is_authenticated and request.user.pk == profile.user_id,
    }
    return render(request, "experts/detail.html", context)
