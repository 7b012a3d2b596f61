from allauth.account.adapter import get_adapter
from allauth.account.forms import AddEmailForm as AllauthAddEmailForm
from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role
from accounts.selectors import email_held_by_another_account
from scheduling.timezones import zone_choices


class RoleFieldsMixin(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    role = forms.ChoiceField(
        label=_("I want to"),
        choices=[(Role.CLIENT, _("Book experts (client)")), (Role.EXPERT, _("Offer consultations (expert)"))],
        widget=forms.RadioSelect,
        initial=Role.CLIENT,
    )
    # Filled in by static/js/site.js with the browser's zone, so the new account's times
    # read in the person's own zone from the first page. Without JavaScript, or with a
    # name tzdata does not know, the profile keeps its default (changeable on /account/).
    timezone = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput(attrs={"data-browser-zone": ""}))


class LoginForm(AllauthLoginForm):
    """allauth's form with our wording: its "Remember Me" reads like a title."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "remember" in self.fields:
            self.fields["remember"].label = _("Keep me signed in on this device")


class SignupForm(RoleFieldsMixin, AllauthSignupForm):
    field_order = ("full_name", "email", "password1", "password2", "role")


class SocialSignupForm(RoleFieldsMixin, AllauthSocialSignupForm):
    field_order = ("full_name", "email", "role")


class AddEmailForm(AllauthAddEmailForm):
    """allauth's form, refusing an address that is another account's login email or
    confirmed address.

    allauth lets such an address be added (unconfirmed) to keep who is registered
    secret, but sign-up already says so; the address could never become this account's
    login email (the users table holds each email once), and a password reset asked for
    it would mail its owner a second link, into this account.
    """

    def clean_email(self) -> str:
        email = super().clean_email()
        if email_held_by_another_account(email=email, user=self.user):
            raise get_adapter().validation_error("email_taken")
        return email


class AccountProfileForm(forms.Form):
    """The account page's own details: the name everyone sees, and (for clients) the
    zone their bookings, emails and reminders are shown in. An expert's zone belongs to
    their public profile, so their form has no zone field."""

    full_name = forms.CharField(
        label=_("Full name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    timezone = forms.ChoiceField(
        label=_("Your time zone"),
        help_text=_("Times of your bookings, emails and reminders are shown in this zone."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.is_expert:
            del self.fields["timezone"]
        else:
            names = zone_choices()
            # A zone set through the API may be an alias the picker does not list
            # (US/Pacific, Etc/GMT+3): offer it too, or saving the name would silently
            # switch the client to the first option.
            current = getattr(getattr(user, "client_profile", None), "timezone", None)
            if current and current not in names:
                names = [current, *names]
            self.fields["timezone"].choices = [(name, name) for name in names]


class AccountDeletionForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To make sure it is you asking."),
    )
    reason = forms.CharField(
        label=_("Why are you leaving?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("It helps us improve."),
    )
