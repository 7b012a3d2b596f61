"""Load run on the main pages: requests per second and p99 latency under concurrent
load, against a uvicorn process serving the app, relative to a bare endpoint
(``/healthz``) measured in the same run.

It uses ``wrk`` when installed (Debian: ``apt-get install -y wrk``), else a threaded
Python client (slower itself, so its absolute numbers are lower; the ratios still
compare pages with each other). The pages read the directory bench's 10,000 experts
(``bench/bench_directory.py`` seeds them on first use). Rate limits are off.

Run from the repository root: ``python bench/bench_load.py``. The last line is
``RESULT {json}`` for ``bench/run_all.py``.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/procusmeet_bench")
os.environ["RATELIMIT_ENABLE"] = "false"
os.environ["DJANGO_DEBUG"] = "false"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procusmeet.settings")

import django
import requests
from bench_directory import experts_seed
from bench_sse_fanout import web_process

SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "5"))
CONNECTIONS = 8


def pages() -> dict[str, str]:
    from accounts.models import ExpertArea

    area = ExpertArea.objects.filter(expert__slug="bench-1", active=True).order_by("pk").first()
    return {
        "bare /healthz": "/healthz",
        "landing page": "/",
        "directory page": "/experts/",
        "directory search (API)": "/api/v1/experts?q=career",
        "expert profile page": "/experts/bench-1/",
        "slots (API, 7 days)": f"/api/v1/experts/{area.expert_id}/slots?area={area.pk}",
    }


def with_wrk(url: str) -> dict:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=SECONDS + 30).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rate, "p99_ms": float(p99.group(1)) * scale, "errors": int(errors.group(1)) if errors else 0}


def with_threads(url: str) -> dict:
    latencies, errors, stop = [], [0], time.monotonic() + SECONDS

    def client():
        session = requests.Session()
        while time.monotonic() < stop:
            started = time.perf_counter()
            status = session.get(url, timeout=30).status_code
            latencies.append((time.perf_counter() - started) * 1000)
            errors[0] += status >= 400

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {"rps": len(latencies) / SECONDS, "p99_ms": latencies[int(len(latencies) * 0.99) - 1], "errors": errors[0]}


def main() -> int:
    django.setup()
    from django.core.management import call_command

    call_command("create_database")  # the bench database, on first use
    call_command("migrate", verbosity=0)
    experts_seed()
    tool, load = ("wrk", with_wrk) if shutil.which("wrk") else ("python threads", with_threads)
    process, base = web_process()
    rows = []
    try:
        for label, path in pages().items():
            assert requests.get(base + path, timeout=30).status_code == 200, path  # and warm it
            rows.append({"page": label, **load(base + path)})
    finally:
        process.terminate()
        process.wait(timeout=30)
    bare = rows[0]
    print(f"load run with {tool}, {CONNECTIONS} connections, {SECONDS} s per page, one uvicorn process:")
    for row in rows:
        row["rps_ratio"] = bare["rps"] / row["rps"]
        row["p99_ratio"] = row["p99_ms"] / bare["p99_ms"]
        print(
            f"  {row['page']}: {row['rps']:.0f} req/s, p99 {row['p99_ms']:.1f} ms "
            f"({row['rps_ratio']:.1f}x fewer req/s and {row['p99_ratio']:.1f}x the p99 of bare; errors {row['errors']})"
        )
    print("RESULT " + json.dumps({"tool": tool, "median_rps": statistics.median(r["rps"] for r in rows), "rows": rows}))
    return 0 if all(row["errors"] == 0 for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
