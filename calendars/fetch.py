"""Downloading an external calendar: bounded in time and size, public addresses only.

An expert types the address, so the server must not become a way to reach private
networks (SSRF): every hop (redirects are followed by hand, at most three) must resolve
only to public IP addresses unless ``allow_private`` (tests serve feeds on 127.0.0.1).
Resolving before connecting leaves a DNS-rebinding window; it is small, and the answer
is only ever parsed as a calendar, never shown.
"""

import ipaddress
import socket
import time
from urllib.parse import urljoin, urlsplit

import requests
import urllib3

MAX_REDIRECTS = 3
CHUNK = 64 * 1024
USER_AGENT = "ProcusMeet-CalendarSync/1.0"


class FetchFailed(Exception):
    """The feed could not be downloaded; the message is safe to show to its owner."""


def normalised(url: str) -> str:
    """``webcal://`` (what calendar apps hand out) is plain HTTPS."""
    url = url.strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    return url


def _check_address(url: str, *, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed("The address must start with https://, http:// or webcal://.")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed(f"The host {parts.hostname} could not be found.") from error
    for info in infos:
        if not ipaddress.ip_address(info[4][0].split("%", 1)[0]).is_global:
            raise FetchFailed("The address points into a private network.")


def _body(response: requests.Response, *, max_bytes: int, deadline: float) -> bytes:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchFailed(f"The calendar is larger than {max_bytes // 1024} KB.")
    received = bytearray()
    while True:
        if time.monotonic() > deadline:
            raise FetchFailed("The calendar took too long to download.")
        # One socket read at most per call (``read`` would wait for a whole chunk, so a
        # server trickling a byte at a time could outlast any deadline).
        chunk = response.raw.read1(CHUNK, decode_content=True)
        if not chunk:
            return bytes(received)
        received += chunk
        if len(received) > max_bytes:
            raise FetchFailed(f"The calendar is larger than {max_bytes // 1024} KB.")


def feed_download(url: str, *, timeout: float, max_bytes: int, allow_private: bool = False) -> bytes:
    """The feed's bytes, or ``FetchFailed`` saying why not."""
    deadline = time.monotonic() + timeout
    url = normalised(url)
    for _hop in range(MAX_REDIRECTS + 1):
        _check_address(url, allow_private=allow_private)
        remaining = max(deadline - time.monotonic(), 0.1)
        try:
            with requests.get(
                url,
                timeout=(remaining, remaining),
                stream=True,
                allow_redirects=False,
                headers={"User-Agent": USER_AGENT, "Accept": "text/calendar, */*;q=0.5"},
            ) as response:
                if response.is_redirect and response.headers.get("Location"):
                    url = urljoin(url, response.headers["Location"])
                    continue
                if response.status_code != 200:
                    raise FetchFailed(f"The calendar server answered HTTP {response.status_code}.")
                return _body(response, max_bytes=max_bytes, deadline=deadline)
        except (requests.Timeout, urllib3.exceptions.TimeoutError) as error:
            raise FetchFailed("The calendar server did not answer in time.") from error
        except (requests.RequestException, urllib3.exceptions.HTTPError) as error:
            raise FetchFailed("The calendar server could not be reached.") from error
    raise FetchFailed("The address redirects too many times.")
