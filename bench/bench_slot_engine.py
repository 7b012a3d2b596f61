"""Slot engine benchmark: 60 days of a busy expert, timed against a trivial baseline.

Run from the repository root: ``python bench/bench_slot_engine.py``. Prints one line.
The baseline is the least any engine must do: list every quarter hour of the same 60
days as UTC datetimes. The ratio (engine / baseline) is measured in the same run, so a
slow or noisy machine moves both sides alike.
"""

import random
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduling.slots import (
    AVAILABLE,
    UNAVAILABLE,
    Availability,
    BookingRules,
    BusyInterval,
    DateOverride,
    WeeklyRange,
    slot_starts,
)

DAYS = 60
RUNS = 400
TARGET_MS = 2.0
# spans the spring-forward change of 29 March 2026, so the daylight-saving path is timed too
NOW = datetime(2026, 3, 2, 7, 3, tzinfo=UTC)
ZONE = "Europe/London"


def busy_expert() -> dict:
    """Mon–Sat 08–13 and 14–20, 10 overrides, 300 busy intervals, 60-minute area, buffers."""
    weekly = [WeeklyRange(day, start * 60, end * 60) for day in range(6) for start, end in ((8, 13), (14, 20))]
    first = date(2026, 3, 2)
    overrides = [DateOverride(first + timedelta(days=3 + 6 * n), UNAVAILABLE, 9 * 60, 11 * 60) for n in range(5)]
    overrides += [DateOverride(first + timedelta(days=6 + 7 * n), AVAILABLE, 10 * 60, 14 * 60) for n in range(4)]
    overrides.append(DateOverride(first + timedelta(days=40), UNAVAILABLE))
    rng = random.Random(4)
    busy = []
    for _ in range(300):
        start = NOW + timedelta(
            days=rng.randrange(DAYS), hours=rng.randrange(7, 19), minutes=rng.choice((0, 15, 30, 45))
        )
        if rng.random() < 0.8:
            busy.append(BusyInterval.call(start, rng.choice((30, 45, 60, 90))))
        else:
            busy.append(BusyInterval.block(start, start + timedelta(minutes=rng.randrange(20, 180))))
    return {
        "availability": Availability(ZONE, weekly, overrides),
        "rules": BookingRules(
            min_notice_minutes=120, horizon_days=DAYS, buffer_before_minutes=15, buffer_after_minutes=15, daily_limit=8
        ),
        "busy": busy,
        "duration_minutes": 60,
        "now": NOW,
        "window_start": NOW,
        "window_end": NOW + timedelta(days=DAYS),
    }


def naive_grid() -> list[datetime]:
    step = timedelta(minutes=15)
    return [NOW + step * index for index in range(DAYS * 96)]


def timed(function, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    query = busy_expert()
    slots = slot_starts(**query)
    engine, baseline = [], []
    for _ in range(RUNS // 20):  # interleaved batches: drift in machine load hits both sides
        engine += timed(lambda: slot_starts(**query), 20)
        baseline += timed(naive_grid, 20)
    median, fastest = statistics.median(engine), min(engine)
    ratio = median / statistics.median(baseline)
    verdict = "ok" if median < TARGET_MS else "OVER TARGET"
    print(
        f"slot engine, {DAYS} days of a busy expert ({len(slots)} slots): median {median:.3f} ms, "
        f"min {fastest:.3f} ms over {len(engine)} runs (target < {TARGET_MS} ms: {verdict}); "
        f"ratio {ratio:.2f} x the time to list the {DAYS * 96} naive quarter hours"
    )


if __name__ == "__main__":
    main()
