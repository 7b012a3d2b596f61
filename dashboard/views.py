"""The expert's dashboard: what needs doing, what came in, how it is going."""

from functools import partial

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.storefront.money import money_format
from dashboard.chart import bar_chart
from dashboard.selectors import expert_dashboard
from procusmeet.errors import UserFacingPermissionDenied


def _charts(revenue) -> list[dict]:
    """One SVG bar chart of monthly revenue per currency."""
    return [
        {
            "currency": series.currency,
            "chart": bar_chart(
                [(dateformat.format(month, "M"), amount) for month, amount in series.months],
                label=partial(money_format, currency=series.currency),
            ),
            "months": series.months,
        }
        for series in revenue
    ]


@login_required
@require_GET
def dashboard(request):
    """``/dashboard/``: experts only."""
    if not request.user.is_expert:
        raise UserFacingPermissionDenied(_("The dashboard is for experts."))
    data = expert_dashboard(expert=request.user, now=timezone.now())
    context = {"data": data, "zone": data.zone.key, "charts": _charts(data.revenue)}
    return render(request, "dashboard/dashboard.html", context)
