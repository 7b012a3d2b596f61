from django import template

from notifications.selectors import bell_summary, email_preferences_of

register = template.Library()


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notifications_bell(context):
    """The header's bell: unread count and the newest id its live stream starts after
    (one query, only for signed-in people)."""
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {"show": True, **bell_summary(user_id=user.pk)}


@register.inclusion_tag("notifications/_preferences_form.html", takes_context=True)
def email_preferences_form(context):
    """The email preferences form, for pages other than its own (the account page)."""
    user = context["user"]
    return {
        "email_preferences": [{**item, "errors": []} for item in email_preferences_of(user_id=user.pk)],
        "csrf_token": context.get("csrf_token"),
    }
