"""``make bench``: every benchmark in turn, then one summary table.

Each bench runs in its own process (as ``python bench/<name>.py`` would) on the bench
database (``BENCH_DATABASE_URL``, default ``procusmeet_bench``; the directory's 10,000
experts are seeded on first use, about a minute). Their own output is shown as they
go; the table at the end gathers the figures, each next to what it is measured
against in the same run, because only ratios compare across machines. Exits non-zero
if a bench failed (e.g. the booking race had more than one winner).
"""

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 600

Row = tuple[str, str, str, str]  # bench, measure, result, relative to


def _slot_engine(output: str) -> list[Row]:
    found = re.search(r"\((\d+) slots\): median ([\d.]+) ms.*\(target (< [\d.]+ ms): (\w+).*ratio ([\d.]+) x", output)
    return [
        (
            "slot engine",
            f"60 days, busy expert ({found[1]} slots)",
            f"{found[2]} ms",
            f"{found[5]}× listing the naive grid; target {found[3]}: {found[4]}",
        )
    ]


def _slots_endpoint(output: str) -> list[Row]:
    return [
        ("slots endpoint", f"60 days, cache {cache}", f"{median} ms", f"{ratio}× bare JSON ({bare} ms); target {target}")
        for cache, median, bare, ratio, target in re.findall(
            r"cache (off|on): median ([\d.]+) ms vs bare JSON ([\d.]+) ms: ratio ([\d.]+) \(target (< [\d.]+: [\w ]+)\)",
            output,
        )
    ]


def _directory(output: str) -> list[Row]:
    return [
        ("directory (10,000 experts)", label, f"{median} ms (p95 {p95})", f"{ratio}× bare JSON")
        for label, median, p95, ratio in re.findall(
            r"^(.+) \(.+ matches\): median ([\d.]+) ms, p95 ([\d.]+) ms: ratio ([\d.]+)× bare", output, re.MULTILINE
        )
    ]


def _bookings(output: str) -> list[Row]:
    single = re.search(r"one thread, distinct slots:\s+([\d.]+)/s \(bare lock\+insert\s+([\d.]+)/s, ratio\s+([\d.]+)x", output)
    threads = re.search(r"(\d+) threads, distinct slots:\s+([\d.]+)/s", output)
    race = re.search(r"race: (\d+) clients for one slot -> winners (\d+), bookings stored (\d+)", output)
    return [
        ("bookings", "one thread", f"{single[1]}/s", f"{single[3]}× the cost of a bare lock+insert"),
        ("bookings", f"{threads[1]} threads", f"{threads[2]}/s", f"{float(threads[2]) / float(single[1]):.1f}× one thread"),
        ("bookings", f"race, {race[1]} clients, one slot", f"{race[2]} winner, {race[3]} stored", "must be 1 and 1"),
    ]


def _result(output: str) -> dict:
    return json.loads(re.findall(r"^RESULT (.+)$", output, re.MULTILINE)[-1])


def _sse(output: str) -> list[Row]:
    found = _result(output)
    return [
        (
            "SSE fan-out",
            f"{found['streams']} streams, 2 processes",
            f"median {found['median_ms']:.1f} ms, p99 {found['p99_ms']:.1f} ms",
            f"SPEC: within 2000 ms: {'ok' if found['max_ms'] < 2000 else 'OVER'} (max {found['max_ms']:.0f} ms)",
        )
    ]


def _load(output: str) -> list[Row]:
    found = _result(output)
    return [
        (
            f"load ({found['tool']})",
            row["page"],
            f"{row['rps']:.0f} req/s, p99 {row['p99_ms']:.0f} ms",
            "the bare endpoint" if row["page"].startswith("bare") else f"{row['rps_ratio']:.1f}× fewer req/s than bare",
        )
        for row in found["rows"]
    ]


BENCHES: list[tuple[str, Callable[[str], list[Row]]]] = [
    ("bench_slot_engine.py", _slot_engine),
    ("bench_slots_endpoint.py", _slots_endpoint),
    ("bench_directory.py", _directory),
    ("bench_bookings.py", _bookings),
    ("bench_sse_fanout.py", _sse),
    ("bench_load.py", _load),
]


def run(script: str) -> tuple[int, str, float]:
    started = time.perf_counter()
    print(f"\n== {script}", flush=True)
    completed = subprocess.run(
        [sys.executable, str(BENCH / script)],
        cwd=BENCH.parent,
        env={**os.environ, "LOG_LEVEL": "WARNING"},
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        check=False,
    )
    output = completed.stdout
    print(output.rstrip(), flush=True)
    if completed.returncode:
        print(completed.stderr[-3000:], flush=True)
    return completed.returncode, output, time.perf_counter() - started


def table(rows: list[Row]) -> str:
    header = ("benchmark", "measure", "result", "relative to (same run)")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(4)]

    def line(cells) -> str:
        return " | ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(header), "-+-".join("-" * width for width in widths), *map(line, rows)])


def main() -> int:
    rows: list[Row] = []
    failed = []
    started = time.perf_counter()
    for script, parse in BENCHES:
        code, output, seconds = run(script)
        try:
            rows += parse(output)
        except (TypeError, IndexError, KeyError, ValueError):
            rows.append((script, "(no figures)", "failed" if code else "unreadable output", ""))
        if code:
            failed.append(script)
        print(f"-- {script}: {seconds:.0f} s", flush=True)
    print(f"\nProcusMeet benchmarks ({time.perf_counter() - started:.0f} s in all)\n")
    print(table(rows))
    if failed:
        print(f"\nfailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
