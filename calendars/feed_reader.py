"""Reading an external calendar in a child process that is killed when it takes too long.

A feed is a stranger's document: one recurrence rule (``FREQ=SECONDLY`` since 1970, a
rule no date satisfies) keeps a pure-Python expansion busy for hours, a server can
trickle its headers for as long as it likes, and a thread cannot be stopped. So the
download (``calendars.fetch``) and the expansion (``calendars.parse``) run in a fresh
interpreter with capped memory, and the caller kills it after a fixed time: a worker or
a web request is never held longer than that, whatever the feed.

The child takes a JSON request on stdin and answers ``{"spans": [[start, end], …]}`` or
``{"error": message}`` on stdout; it imports no Django.
"""

import datetime as dt
import json
import logging
import subprocess
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

PARSE_SECONDS = 20  # on top of the download's own timeout
STARTUP_SECONDS = 10  # a fresh interpreter importing requests and icalendar, on a busy host
MEMORY_BYTES = 768 * 1024 * 1024
_PROJECT_ROOT = Path(__file__).resolve().parent.parent


class FeedUnreadable(Exception):
    """The feed could not be downloaded or read; the message is safe to show its owner."""


def feed_busy_spans(
    url: str, *, zone: str, start: dt.datetime, end: dt.datetime, timeout: float, max_bytes: int, allow_private: bool
) -> list[tuple[dt.datetime, dt.datetime]]:
    """Busy UTC spans of the feed at ``url`` within ``[start, end)``, or ``FeedUnreadable``."""
    request = {
        "url": url,
        "zone": zone,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "timeout": timeout,
        "max_bytes": max_bytes,
        "allow_private": allow_private,
    }
    try:
        child = subprocess.run(
            [sys.executable, "-m", "calendars.feed_reader"],
            input=json.dumps(request).encode(),
            capture_output=True,
            timeout=timeout + PARSE_SECONDS + STARTUP_SECONDS,
            cwd=_PROJECT_ROOT,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise FeedUnreadable("The calendar took too long to download and read.") from error
    try:
        answer = json.loads(child.stdout)
        if "error" in answer:
            raise FeedUnreadable(str(answer["error"]))
        return [(dt.datetime.fromisoformat(first), dt.datetime.fromisoformat(last)) for first, last in answer["spans"]]
    except (ValueError, KeyError, TypeError) as error:
        stderr = child.stderr[-2000:].decode(errors="replace")
        logger.warning("calendar reader failed exit=%s stderr=%s", child.returncode, stderr)
        raise FeedUnreadable("The calendar could not be read.") from error


def _answer(request: dict) -> dict:
    from calendars.fetch import FetchFailed, feed_download
    from calendars.parse import FeedInvalid, busy_spans

    try:
        document = feed_download(
            request["url"],
            timeout=request["timeout"],
            max_bytes=request["max_bytes"],
            allow_private=request["allow_private"],
        )
        spans = busy_spans(
            document,
            zone=request["zone"],
            start=dt.datetime.fromisoformat(request["start"]),
            end=dt.datetime.fromisoformat(request["end"]),
        )
    except (FetchFailed, FeedInvalid) as failure:
        return {"error": str(failure)}
    except MemoryError:
        return {"error": "The calendar is too large to read."}
    return {"spans": [[first.isoformat(), last.isoformat()] for first, last in spans]}


def main() -> None:
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))
    except (ImportError, ValueError, OSError):  # not every platform caps address space
        pass
    answer = _answer(json.loads(sys.stdin.buffer.read()))
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
