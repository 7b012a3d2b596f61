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


# Browsers name zones after ICU/CLDR, which keeps the old spelling of zones IANA has since
# renamed (Chromium reports "Asia/Calcutta" for India). tzdata still ships those names as
# links, so they work, but pages would then show the legacy spelling. Only these renames
# are mapped, not every tzdata link: many links merge distinct places into one zone with
# the same clocks since 1970 (Europe/Oslo -> Europe/Berlin), and a Norwegian must keep
# seeing Oslo. Keys are links in tzdata, so each pair has the same clocks (a test checks).
_LEGACY_NAMES = {
    "Africa/Asmera": "Africa/Asmara",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Catamarca": "America/Argentina/Catamarca",
    "America/Coral_Harbour": "America/Atikokan",
    "America/Cordoba": "America/Argentina/Cordoba",
    "America/Godthab": "America/Nuuk",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "America/Jujuy": "America/Argentina/Jujuy",
    "America/Louisville": "America/Kentucky/Louisville",
    "America/Mendoza": "America/Argentina/Mendoza",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Europe/Kiev": "Europe/Kyiv",
    "Pacific/Enderbury": "Pacific/Kanton",
    "Pacific/Ponape": "Pacific/Pohnpei",
    "Pacific/Truk": "Pacific/Chuuk",
}


@functools.cache
def legacy_names() -> dict[str, str]:
    """Legacy name -> current name, for the renames this tzdata already knows (an older
    tzdata may lack "Europe/Kyiv"; the old name then stays as it is)."""
    known = zone_names()
    return {old: new for old, new in _LEGACY_NAMES.items() if old in known and new in known}


def zone_name_current(name: str) -> str:
    """``name`` with a legacy spelling replaced by the current one; anything else as is
    (saving a profile zone stores the name pages should show)."""
    return legacy_names().get(name, name)


@functools.cache
def _names_by_folded_case() -> dict[str, str]:
    # IANA names never differ only in case, so folding the case loses nothing.
    return {name.casefold(): name for name in zone_names()}


def zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name`` in any case ("utc" is UTC, its ``key`` the canonical
    spelling; a legacy name browsers report, "Asia/Calcutta", is its current one,
    "Asia/Kolkata"), or ``None`` when tzdata has no such zone.

    Checked against the known names first so a path-like string never reaches the file
    system lookup.
    """
    if name not in zone_names():
        name = _names_by_folded_case().get(name.casefold())
        if name is None:
            return None
    return zoneinfo.ZoneInfo(zone_name_current(name))


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
    """Canonical, human-facing zone names for pickers (UTC first, then A–Z); legacy
    names are left out, their current names are listed."""
    legacy = legacy_names()
    names = (name for name in zone_names() if name.split("/", 1)[0] in _REGIONS and name not in legacy)
    return ["UTC", *sorted(names)]


@functools.cache
def zone_aliases() -> dict[str, list[str]]:
    """Current name -> its legacy names, so a picker can select "Asia/Kolkata" for a
    browser that reports "Asia/Calcutta"."""
    aliases: dict[str, list[str]] = {}
    for old, new in sorted(legacy_names().items()):
        aliases.setdefault(new, []).append(old)
    return aliases
