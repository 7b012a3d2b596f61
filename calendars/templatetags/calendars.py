from django import template
from django.urls import reverse

from calendars.invites import booking_google_link
from calendars.selectors import external_calendars_of, feed_of

register = template.Library()
# Only an accepted call goes in a calendar: a pending request may still be declined.
_CALENDAR_STATUSES = ("confirmed",)


def feed_urls(request, feed) -> dict:
    if feed is None:
        return {"feed_url": "", "webcal_url": ""}
    url = request.build_absolute_uri(reverse("calendars:feed", args=[feed.token]))
    return {"feed_url": url, "webcal_url": "webcal://" + url.split("://", 1)[1]}


@register.inclusion_tag("calendars/_feed.html", takes_context=True)
def calendar_feed_section(context, feed=None):
    """The user's private feed address with copy, regenerate and turn-off controls."""
    request = context["request"]
    feed = feed if feed is not None else feed_of(user=request.user)
    return {"feed": feed, "csrf_token": context.get("csrf_token"), **feed_urls(request, feed)}


@register.inclusion_tag("calendars/_add_to_calendar.html", takes_context=True)
def add_to_calendar(context, booking):
    """"Add to calendar" (.ics download) and a Google Calendar link, while the paid call is
    confirmed (the expert accepted it) and still on."""
    payment = getattr(booking.call, "payment", None)
    paid = payment is not None and payment.held_at is not None
    if booking.status not in _CALENDAR_STATUSES or not paid:  # an unpaid request is no call yet
        return {"show": False}
    user = context["request"].user
    return {
        "show": True,
        "ics_url": reverse("calendars:booking-ics", args=[booking.pk]),
        "google_url": booking_google_link(booking, viewer=user),
    }


@register.inclusion_tag("calendars/_health.html", takes_context=True)
def external_calendars_health(context):
    """On the availability page: which connected calendars cannot be read right now."""
    user = context["request"].user
    calendars = list(external_calendars_of(user=user)) if user.is_authenticated else []
    return {"calendars": calendars, "broken": [calendar for calendar in calendars if calendar.last_error]}
