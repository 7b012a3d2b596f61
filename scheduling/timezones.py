"""IANA zone names given by people and browsers, checked against the system's tzdata, and
the times they send."""

import datetime as dt
import functools
import zoneinfo

_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


# A system tzdata folder may also hold "localtime", a link to the server's own zone: a
# file, not an IANA name, and it would mean whatever the server is set to.
_NOT_ZONES = frozenset({"localtime"})


@functools.cache
def zone_names() -> frozenset[str]:
    """Every IANA zone name the installed tzdata knows."""
    return frozenset(zoneinfo.available_timezones()) - _NOT_ZONES


def zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name``, or ``None`` when tzdata has no such zone.

    Checked against the known names first so a path-like string never reaches the file
    system lookup.
    """
    if name not in zone_names():
        return None
    return zoneinfo.ZoneInfo(name)


def aware_or_none(text: str) -> dt.datetime | None:
    """The ISO 8601 moment in ``text`` (a slot's start, as the forms send it), or ``None``
    when it is not one or carries no offset: a naive time would be guessed in some zone."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


@functools.cache
def zone_choices() -> list[str]:
    """Canonical, human-facing zone names for pickers (UTC first, then A–Z)."""
    return ["UTC", *sorted(name for name in zone_names() if name.split("/", 1)[0] in _REGIONS)]
