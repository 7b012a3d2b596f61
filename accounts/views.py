"""Account pages: profile summary and API sessions (revoke one, log out everywhere)."""

from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.selectors import sessions_active
from accounts.tokens import session_revoke, sessions_revoke_all
from procusmeet.api.errors import NotFound


class SignupView(AllauthSignupView):
    """allauth's sign-up, with the role preselected from ``?role=expert`` links."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("role") in Role.values:
            initial["role"] = self.request.GET["role"]
        return initial


@login_required
def account(request):
    return render(request, "accounts/account.html", {"sessions": sessions_active(user=request.user)})


@login_required
@require_POST
def session_revoke_view(request, session_id: int):
    try:
        session_revoke(user=request.user, session_id=session_id)
    except NotFound as exc:  # another user's session looks exactly like a missing one
        raise Http404(exc.message) from exc
    messages.success(request, _("Session revoked. That device must sign in again."))
    if request.htmx:
        return render(request, "accounts/sessions_swap.html", {"sessions": sessions_active(user=request.user)})
    return redirect("account")


@login_required
@require_POST
def sessions_revoke_all_view(request):
    """End every API session and this browser's session too."""
    sessions_revoke_all(user_id=request.user.pk)
    logout(request)
    messages.success(request, _("You are logged out everywhere."))
    return redirect("landing")
