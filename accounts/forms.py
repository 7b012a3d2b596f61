from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.socialaccount.forms import SignupForm as AllauthSocialSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Role


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


class SignupForm(RoleFieldsMixin, AllauthSignupForm):
    field_order = ("full_name", "email", "password1", "password2", "role")


class SocialSignupForm(RoleFieldsMixin, AllauthSocialSignupForm):
    field_order = ("full_name", "email", "role")
