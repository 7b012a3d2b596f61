"""IANA zone names given by people and browsers, checked against the system's tzdata."""

import functools
import zoneinfo

_REGIONS = ("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")


@functools.cache
def _known() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def zone_or_none(name: str) -> zoneinfo.ZoneInfo | None:
    """The zone called ``name``, or ``None`` when tzdata has no such zone.

    Checked against the known names first so a path-like string never reaches the file
    system lookup.
    """
    if name not in _known():
        return None
    return zoneinfo.ZoneInfo(name)


@functools.cache
def zone_choices() -> list[str]:
    """Canonical, human-facing zone names for pickers (UTC first, then A–Z)."""
    return ["UTC", *sorted(name for name in _known() if name.split("/", 1)[0] in _REGIONS)]
