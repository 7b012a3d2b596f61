"""Every write of calendar sync: feed tokens, external calendars and their busy times."""

import datetime as dt
import logging
import secrets
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from calendars.errors import CalendarInvalid, CalendarLimitReached, CalendarNotFound
from calendars.feed_reader import FeedUnreadable, feed_busy_spans
from calendars.fetch import names_a_private_host, normalised
from calendars.models import CalendarFeed, ExternalBusy, ExternalCalendar

logger = logging.getLogger(__name__)

MAX_CALENDARS_PER_EXPERT = 10
BUSY_HORIZON = dt.timedelta(days=366)  # no expert's booking horizon reaches further
BUSY_PAST = dt.timedelta(days=1)
# "Refresh now" fetches a calendar at most once a minute: a fetch can hold a web worker
# for the whole download timeout, so repeated clicks or a script must not tie them up.
ON_DEMAND_REFRESH_SECONDS = 60


# --- The user's own subscription feed ---------------------------------------------------------


@transaction.atomic
def feed_token_regenerate(*, user) -> CalendarFeed:
    """Give the user a (new) private feed address; any older address stops working."""
    feed, _created = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    if not _created:
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])
    return feed


@transaction.atomic
def feed_revoke(*, user) -> None:
    CalendarFeed.objects.filter(user=user).delete()


def feed_mark_read(*, feed: CalendarFeed) -> None:
    """Remember when a calendar last polled the feed (at most once a minute: a write per
    poll would be a write per subscriber every few minutes)."""
    now = timezone.now()
    if feed.last_read_at is None or now - feed.last_read_at > dt.timedelta(minutes=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_read_at=now)


# --- External calendars of experts -----------------------------------------------------------------


def _valid_url(url: str) -> str:
    url = normalised(url)
    longest = ExternalCalendar._meta.get_field("url").max_length
    if len(url) > longest:
        message = _("The address is too long (at most %(count)s characters).") % {"count": longest}
        raise CalendarInvalid(message, fields={"url": [message]})
    try:
        URLValidator(schemes=["http", "https"])(url)
        urlsplit(url).port  # the validator lets any five digits through; 65536 and up are no port
    except (ValidationError, ValueError):
        message = _("Enter the calendar's secret address (https://… or webcal://…).")
        raise CalendarInvalid(message, fields={"url": [message]}) from None
    if names_a_private_host(url) and not settings.CALENDAR_FETCH_ALLOW_PRIVATE:
        message = _("This address points into a private network; use the calendar's public address.")
        raise CalendarInvalid(message, fields={"url": [message]})
    return url


@transaction.atomic
def external_calendar_add(*, user, name: str, url: str) -> ExternalCalendar:
    """Add an external calendar; its first fetch is queued after commit."""
    url = _valid_url(url)
    name = name.strip()[:80] or _("My calendar")
    # One add at a time per expert (a double-clicked form, two tabs): the limit and the
    # "already connected" check below must see each other's rows, not race past them.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    if ExternalCalendar.objects.filter(user=user).count() >= MAX_CALENDARS_PER_EXPERT:
        raise CalendarLimitReached(_("You can connect up to %(count)s calendars.") % {"count": MAX_CALENDARS_PER_EXPERT})
    if ExternalCalendar.objects.filter(user=user, url=url).exists():
        message = _("This calendar is already connected.")
        raise CalendarInvalid(message, fields={"url": [message]})
    calendar = ExternalCalendar.objects.create(user=user, name=name, url=url)
    from calendars.tasks import refresh_external_calendar

    transaction.on_commit(lambda: refresh_external_calendar.delay(calendar.pk))
    return calendar


def _owned(*, user, calendar_id: int) -> ExternalCalendar:
    calendar = ExternalCalendar.objects.select_for_update().filter(pk=calendar_id, user=user).first()
    if calendar is None:
        raise CalendarNotFound(_("No such calendar."))
    return calendar


@transaction.atomic
def external_calendar_remove(*, user, calendar_id: int) -> None:
    _owned(user=user, calendar_id=calendar_id).delete()
    _slots_changed(user)


def _slots_changed(user) -> None:
    from scheduling.cache import slots_cache_invalidate

    profile_id = getattr(getattr(user, "expert_profile", None), "pk", None)
    if profile_id is not None:
        slots_cache_invalidate(expert_id=profile_id)


def _expert_zone(user) -> str:
    return getattr(getattr(user, "expert_profile", None), "timezone", None) or "UTC"


def _download_and_parse(calendar: ExternalCalendar, now: dt.datetime):
    return feed_busy_spans(
        calendar.url,
        zone=_expert_zone(calendar.user),
        start=now - BUSY_PAST,
        end=now + BUSY_HORIZON,
        timeout=settings.CALENDAR_FETCH_TIMEOUT_SECONDS,
        max_bytes=settings.CALENDAR_FETCH_MAX_BYTES,
        allow_private=settings.CALENDAR_FETCH_ALLOW_PRIVATE,
    )


def external_calendar_refresh(*, calendar_id: int, now: dt.datetime | None = None) -> ExternalCalendar | None:
    """Fetch one calendar and replace its busy times. The download happens outside any
    transaction (it may take seconds); a failure keeps the last good busy times and
    records the error. Returns the calendar, or None when it was removed meanwhile."""
    now = now or timezone.now()
    calendar = ExternalCalendar.objects.select_related("user__expert_profile").filter(pk=calendar_id).first()
    if calendar is None:
        return None
    try:
        spans, error = _download_and_parse(calendar, now), ""
    except FeedUnreadable as failure:
        spans, error = None, str(failure)[:300]
        logger.info("external calendar fetch failed calendar=%s error=%s", calendar_id, error)
    return _store(calendar_id=calendar_id, spans=spans, error=error, now=now)


def external_calendar_refresh_on_demand(*, calendar_id: int, now: dt.datetime | None = None) -> ExternalCalendar | None:
    """The expert's "refresh now": fetch, unless this calendar was fetched on demand in
    the last minute (or is being fetched now), in which case its current state answers.
    The claim is one atomic ``cache.add``, so simultaneous requests fetch once."""
    try:
        claimed = cache.add(f"calendar-refresh:{calendar_id}", 1, ON_DEMAND_REFRESH_SECONDS)
    except Exception:  # a cache outage must not stop an expert refreshing
        logger.exception("cache unavailable; refreshing calendar=%s without the cooldown", calendar_id)
        claimed = True
    if not claimed:
        return ExternalCalendar.objects.filter(pk=calendar_id).first()
    return external_calendar_refresh(calendar_id=calendar_id, now=now)


@transaction.atomic
def _store(*, calendar_id: int, spans, error: str, now: dt.datetime) -> ExternalCalendar | None:
    calendar = (
        ExternalCalendar.objects.select_for_update(of=("self",))
        .select_related("user__expert_profile")
        .filter(pk=calendar_id)
        .first()
    )
    if calendar is None:
        return None
    calendar.last_fetched_at, calendar.last_error = now, error
    fields = ["last_fetched_at", "last_error"]
    if spans is not None:
        old = list(calendar.busy.order_by("start", "end").values_list("start", "end"))
        if old != spans:
            calendar.busy.all().delete()
            ExternalBusy.objects.bulk_create(
                ExternalBusy(calendar=calendar, user_id=calendar.user_id, start=start, end=end) for start, end in spans
            )
            _slots_changed(calendar.user)
        calendar.last_success_at, calendar.busy_count = now, len(spans)
        fields += ["last_success_at", "busy_count"]
    calendar.save(update_fields=fields)
    return calendar


def external_calendars_due(*, now: dt.datetime | None = None) -> list[int]:
    """Ids of calendars not fetched for ``CALENDAR_REFRESH_MINUTES`` (or never)."""
    now = now or timezone.now()
    stale = now - dt.timedelta(minutes=settings.CALENDAR_REFRESH_MINUTES)
    due = ExternalCalendar.objects.filter(Q(last_fetched_at__isnull=True) | Q(last_fetched_at__lte=stale))
    return list(due.order_by("last_fetched_at").values_list("pk", flat=True)[:500])
