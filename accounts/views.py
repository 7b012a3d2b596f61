"""Account pages: profile, API sessions (revoke one, log out everywhere) and the
request to delete the account."""

from allauth.account.adapter import get_adapter
from allauth.account.views import EmailView as AllauthEmailView
from allauth.account.views import SignupView as AllauthSignupView
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import AccountDeletionForm, AccountProfileForm
from accounts.models import Role, User
from accounts.selectors import sessions_active
from accounts.services import user_logout_everywhere, user_profile_update
from accounts.services_deletion import account_deletion_request, account_deletion_withdraw, deletion_request_pending
from accounts.tokens import session_revoke
from procusmeet.api.errors import ApplicationError, NotFound


class SignupView(AllauthSignupView):
    """allauth's sign-up, with the role preselected from ``?role=expert`` links."""

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("role") in Role.values:
            initial["role"] = self.request.GET["role"]
        return initial

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except IntegrityError:
            # A concurrent sign-up with this email (a double-click) created the account
            # after this form found the address free; the adapter's transaction rolled
            # this attempt back, so answer as if the address had been taken all along.
            if not User.objects.filter(email__iexact=form.cleaned_data["email"]).exists():
                raise
            form.add_error("email", get_adapter(self.request).error_messages["email_taken"])
            return self.form_invalid(form)


class EmailView(AllauthEmailView):
    """allauth's email addresses page, answering a clash over the login email with a
    message instead of a server error.

    Making an address primary makes it the login email, which the users table holds
    once. ``AddEmailForm`` refuses other accounts' addresses, but one added earlier, or
    one that an API sign-up took since, still clashes; the whole action rolls back.
    """

    def post(self, request, *args, **kwargs):
        try:
            with transaction.atomic():
                return super().post(request, *args, **kwargs)
        except IntegrityError:
            if "action_primary" not in request.POST:
                raise
            messages.error(request, _("That address is another account's login email, so it cannot be yours."))
            return redirect("account_email")


def _profile_initial(user) -> dict:
    profile = getattr(user, "client_profile", None)
    return {"full_name": user.full_name, "timezone": getattr(profile, "timezone", "UTC")}


def _account_page(request, *, profile_form=None, deletion_form=None, status: int = 200):
    user = request.user
    context = {
        "sessions": sessions_active(user=user),
        "profile_form": profile_form or AccountProfileForm(user=user, initial=_profile_initial(user)),
        "deletion_form": deletion_form or AccountDeletionForm(),
        "deletion_pending": deletion_request_pending(user=user),
    }
    return render(request, "accounts/account.html", context, status=status)


def _add_errors(form, error: ApplicationError) -> None:
    for name, problems in error.fields.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)
    if not error.fields:
        form.add_error(None, error.message)


@login_required
def account(request):
    return _account_page(request)


@login_required
@require_POST
def account_profile_update(request):
    form = AccountProfileForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            user_profile_update(user=request.user, changes=form.cleaned_data)
        except ApplicationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Profile saved."))
            return redirect("account")
    return _account_page(request, profile_form=form, status=400)


@login_required
@require_POST
def account_deletion_request_view(request):
    form = AccountDeletionForm(request.POST)
    if form.is_valid():
        try:
            account_deletion_request(user=request.user, **form.cleaned_data)
        except ApplicationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("We received your request to delete your account."))
            return redirect("account")
    return _account_page(request, deletion_form=form, status=400)


@login_required
@require_POST
def account_deletion_withdraw_view(request):
    if account_deletion_withdraw(user=request.user) is not None:
        messages.success(request, _("Your request is withdrawn. Your account stays as it is."))
    return redirect("account")


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
    """End every API session and every browser session, this one included."""
    user_logout_everywhere(user=request.user)
    logout(request)
    messages.success(request, _("You are logged out everywhere."))
    return redirect("landing")
