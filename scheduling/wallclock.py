"""Wall-clock times of day as minutes since local midnight (pure, no Django).

Rules are stored as integer minutes so that the end of the day is a plain ``1440``
("24:00"): a ``TimeField`` cannot say "until midnight", and a range such as 18:00–24:00
is common for experts who work evenings.
"""

import re

MINUTES_PER_DAY = 24 * 60
# ASCII digits only (``\d`` would also read "0٩:00"), and nothing after the minutes.
_HHMM = re.compile(r"([01][0-9]|2[0-4]):([0-5][0-9])")


def parse_hhmm(text: str, *, allow_end_of_day: bool = False) -> int:
    """``"09:30"`` → 570. ``"24:00"`` (1440) only where an end of day is allowed.

    Raises ``ValueError`` for anything else.
    """
    match = _HHMM.fullmatch(text or "")
    if not match:
        raise ValueError(f"not HH:MM: {text!r}")
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    if minutes > MINUTES_PER_DAY or (minutes == MINUTES_PER_DAY and not allow_end_of_day):
        raise ValueError(f"outside the day: {text!r}")
    return minutes


def format_hhmm(minutes: int) -> str:
    """570 → ``"09:30"``; 1440 → ``"24:00"``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
