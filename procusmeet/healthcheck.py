"""Container health probe: ``GET /healthz`` on this machine, as the site's own host.

Run it as a file (``python procusmeet/healthcheck.py``) so it starts without Django or
curl (the slim image has none). It sends SITE_URL's host name in the Host header,
because production answers only the hosts listed in ALLOWED_HOSTS.
"""

import os
import sys
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


def main(argv: list[str]) -> int:
    url = argv[1] if len(argv) > 1 else DEFAULT_URL
    host = urlsplit(os.environ.get("SITE_URL", "")).hostname or "localhost"
    return 0 if is_healthy(url, host) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
