"""Sets of instants as sorted, disjoint, half-open ``(start, end)`` integer pairs.

Every function takes and returns *normalised* lists (sorted, disjoint, no empty pair,
touching pairs joined), so each set operation is one linear sweep.
"""

Interval = tuple[int, int]


def merge(intervals: list[Interval]) -> list[Interval]:
    """Normalise any list of pairs: sort, drop empty ones, join overlapping or touching."""
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(kept: list[Interval], removed: list[Interval]) -> list[Interval]:
    """``kept`` minus ``removed`` (both normalised), with two pointers."""
    result: list[Interval] = []
    first = 0
    for start, end in kept:
        while first < len(removed) and removed[first][1] <= start:
            first += 1
        index = first
        while index < len(removed) and removed[index][0] < end and start < end:
            cut_start, cut_end = removed[index]
            if cut_start > start:
                result.append((start, cut_start))
            start = max(start, cut_end)
            index += 1
        if start < end:
            result.append((start, end))
    return result
