"""allauth adapters: sign-ups (with password or Google) create the role profile in the
same transaction as the user, and new passwords are set, through the accounts services."""

from types import SimpleNamespace
from urllib.parse import quote, urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from allauth.socialaccount.providers.base import AuthProcess
from django.conf import settings
from django.db import transaction
from django.urls import reverse

from accounts.models import User
from accounts.services import profile_create, user_password_set
from accounts.services_google import google_email_owner_arrives
from notifications.emails import absolute_url

PRODUCT_NAME = "ProcusMeet"


def _apply_signup_fields(user, form) -> None:
    user.full_name = form.cleaned_data["full_name"].strip()
    user.role = form.cleaned_data["role"]
    user.email = user.email.lower()


class AccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        # The one spelling the API saves too (UserManager.normalize_email): checked for
        # "already taken" and saved in it, so "ada@ｅｘａｍｐｌｅ.com" is the account
        # of ada@example.com, not a second one receiving its mail.
        return User.objects.normalize_email(super().clean_email(email))

    def save_user(self, request, user, form, commit=True):
        _apply_signup_fields(user, form)
        with transaction.atomic():
            user = super().save_user(request, user, form, commit=commit)
            if commit:
                profile_create(user=user, timezone=form.cleaned_data.get("timezone"))
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        # allauth's mails greet and sign with the sites framework's row, which nobody
        # configures ("Hello from example.com!"): speak for the product at its address.
        site = SimpleNamespace(name=PRODUCT_NAME, domain=urlsplit(settings.SITE_URL).netloc or PRODUCT_NAME)
        super().send_mail(template_prefix, email, {"current_site": site, **context})

    # The links in allauth's mails are built from the request's host, or from the sites
    # row ("example.com") when there is no request: the product's own address instead,
    # like every other email (notifications.emails.absolute_url).
    def get_email_confirmation_url(self, request, emailconfirmation) -> str:
        return absolute_url(reverse("account_confirm_email", args=[emailconfirmation.key]))

    def get_reset_password_from_key_url(self, key: str) -> str:
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return absolute_url(path.replace("UID-KEY", quote(key)))

    def set_password(self, user, password) -> None:
        # Password reset, change and "set a password" all come here.
        user_password_set(user=user, password=password)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def save_user(self, request, sociallogin, form=None):
        user = sociallogin.user
        if form is not None:
            _apply_signup_fields(user, form)
        if not user.full_name:
            user.full_name = sociallogin.account.extra_data.get("name", "") or user.email.split("@")[0]
        with transaction.atomic():
            user = super().save_user(request, sociallogin, form)
            profile_create(user=user, timezone=form.cleaned_data.get("timezone") if form is not None else None)
        return user

    def is_open_for_signup(self, request, sociallogin):
        return True

    def authenticate_by_email(self, sociallogin: SocialLogin):
        # allauth signs the person into the account holding their Google-verified
        # address and, if that account never confirmed it, wipes its password; the
        # account's API sessions must end too, or whoever registered the address keeps
        # their tokens. Only a sign-in is such an arrival, not connecting to another account.
        found = super().authenticate_by_email(sociallogin)
        if found is not None and sociallogin.state.get("process", AuthProcess.LOGIN) == AuthProcess.LOGIN:
            user, email = found
            google_email_owner_arrives(user=user, email=email)
        return found
