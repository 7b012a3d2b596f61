"""allauth adapters: sign-ups (with password or Google) create the role profile in the
same transaction as the user, through the accounts service."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.db import transaction

from accounts.services import profile_create


def _apply_signup_fields(user, form) -> None:
    user.full_name = form.cleaned_data["full_name"].strip()
    user.role = form.cleaned_data["role"]
    user.email = user.email.lower()


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        _apply_signup_fields(user, form)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                profile_create(user=user)
        return user


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request, sociallogin, form=None):
        user = sociallogin.user
        if form is not None:
            _apply_signup_fields(user, form)
        if not user.full_name:
            user.full_name = sociallogin.account.extra_data.get("name", "") or user.email.split("@")[0]
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form)
            profile_create(user=user)
        return user

    def is_open_for_signup(self, request, sociallogin):
        return True
