"""Template helpers of the storefront: money, languages, link labels, the onboarding
checklist and the JSON-LD of a public profile."""

from django import template

from accounts.models import Role
from accounts.storefront.languages import language_name
from accounts.storefront.money import money_format
from accounts.storefront.selectors import expert_onboarding_status
from accounts.storefront.validators import link_label as _link_label

register = template.Library()


@register.filter
def money(amount_minor, currency: str) -> str:
    """``{{ area.price|money:area.currency }}`` → ``₦15,000``."""
    if amount_minor in (None, ""):
        return ""
    return money_format(int(amount_minor), currency)


@register.filter
def language(code: str) -> str:
    return language_name(code)


@register.filter
def link_label(url: str) -> str:
    return _link_label(url)


@register.inclusion_tag("storefront/_onboarding.html", takes_context=True)
def onboarding_checklist(context):
    """The expert's onboarding checklist, or nothing for clients and finished experts."""
    user = context.get("user")
    profile = getattr(user, "expert_profile", None) if user and user.is_authenticated and user.role == Role.EXPERT else None
    status = expert_onboarding_status(profile) if profile is not None else None
    return {"onboarding": status, "profile": profile}
