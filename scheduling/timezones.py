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


@functools.cache
def _names_by_folded_case() -> dict[str, str]:
    # IANA names never differ only in case, so folding the case loses nothing.
    return {name.casefold(): name for name in zone_names()}


def zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name`` in any case ("utc" is UTC, its ``key`` the canonical
    spelling), or ``None`` when tzdata has no such zone.

    Checked against the known names first so a path-like string never reaches the file
    system lookup.
    """
    if name not in zone_names():
        name = _names_by_folded_case().get(name.casefold())
        if name is None:
            return None
    return zoneinfo.ZoneInfo(name)


def aware_or_none(text: str) -> dt.datetime | None:
    """The ISO 8601 moment in ``text`` (a slot's start, as the forms send it), or ``None``
    when it is not one, carries no offset (a naive time would be guessed in some zone), or
    lies so near year 1 or 9999 that converting it to some zone would overflow."""
    try:
        moment = dt.datetime.fromisoformat(text)
        if moment.tzinfo is None or not _SAFE_FIRST <= moment.astimezone(dt.UTC) <= _SAFE_LAST:
            return None
    except (ValueError, OverflowError):
        return None
    return moment


# A day inside the datetime range, so any zone's offset (under a day) stays in range too.
_SAFE_FIRST = dt.datetime(1, 1, 2, tzinfo=dt.UTC)
_SAFE_LAST = dt.datetime(9999, 12, 30, tzinfo=dt.UTC)


@functools.cache
def zone_choices() -> list[str]:
    """Canonical, human-facing zone names for pickers (UTC first, then A–Z)."""
    return ["UTC", *sorted(name for name in zone_names() if name.split("/", 1)[0] in _REGIONS)]
