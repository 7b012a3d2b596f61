"""Container health probes, run as a file so they start without Django or curl (the
slim image has none):

- ``python procusmeet/healthcheck.py [URL]``: ``GET /healthz`` on this machine, sending
  SITE_URL's host name in the Host header (production answers only ALLOWED_HOSTS);
- ``python procusmeet/healthcheck.py --fresh PATH SECONDS``: a file (celery beat's
  schedule, which beat rewrites as jobs fall due) changed in the last SECONDS.
"""

import glob
import os
import sys
import time
import urllib.request
from urllib.parse import urlsplit

DEFAULT_URL = "http://127.0.0.1:8000/healthz"


def is_healthy(url: str, host: str, timeout: float = 3.0) -> bool:
    request = urllib.request.Request(url, headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status == 200
    except OSError:  # refused, timed out, or an HTTP error status
        return False


def is_fresh(path: str, max_age: float) -> bool:
    # dbm may add a suffix to the name it was given (schedule.db, schedule.dat, ...).
    times = [os.path.getmtime(name) for name in glob.glob(glob.escape(path) + "*")]
    return bool(times) and time.time() - max(times) < max_age


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[1] == "--fresh":
        return 0 if is_fresh(argv[2], float(argv[3])) else 1
    url = argv[1] if len(argv) > 1 else DEFAULT_URL
    host = urlsplit(os.environ.get("SITE_URL", "")).hostname or "localhost"
    return 0 if is_healthy(url, host) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
