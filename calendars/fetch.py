"""Downloading an external calendar: bounded in time and size, public addresses only.

An expert types the address, so the server must not become a way to reach private
networks (SSRF): every hop (redirects are followed by hand, at most three) must resolve
only to public IP addresses unless ``allow_private`` (tests serve feeds on 127.0.0.1).
The check happens inside the connection itself: the host is resolved once, every answer
is checked, and the socket is opened to exactly those checked addresses (TLS still
verifies the certificate against the host name). A second lookup, which a rebinding DNS
server could answer with 127.0.0.1, never happens. Proxies from the environment are
ignored for the same reason: through a proxy the check would see the proxy, not the feed.
"""

import ipaddress
import os
import socket
import time
from urllib.parse import urljoin, urlsplit

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError
from urllib3.util import connection
from urllib3.util.connection import allowed_gai_family

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


def _check_address(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchFailed("The address must start with https://, http:// or webcal://.")


# NAT64's well-known prefix carries an IPv4 address in its last 32 bits (RFC 6052).
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def is_public_ip(address: str) -> bool:
    """Whether ``address`` reaches the public internet only. An IPv6 address can carry an
    IPv4 one (mapped, 6to4, Teredo, NAT64) that a gateway delivers to, and Python calls
    ``64:ff9b::a00:1`` (10.0.0.1 through NAT64) global: the carried address must be too."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if not ip.is_global:
        return False
    if ip.version == 4:
        return True
    carried = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
    if ip in _NAT64:
        carried.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return all(inner is None or inner.is_global for inner in carried)


def names_a_private_host(url: str) -> bool:
    """Whether the address itself (no DNS lookup) names this machine or a private network:
    ``localhost`` or an IP literal that is not public. Lets an expert hear "no" when adding
    it, instead of a calendar that can never be fetched; names that resolve privately are
    still refused at every fetch."""
    try:
        host = (urlsplit(url).hostname or "").rstrip(".").lower()
        if host == "localhost" or host.endswith(".localhost"):
            return True
        return not is_public_ip(host)
    except ValueError:  # a name, not an address (or no address at all: refused elsewhere)
        return False


def _public_addresses(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, or ``FetchFailed`` if any of them is not public."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, allowed_gai_family(), socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchFailed(f"The host {host} could not be found.") from error
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        if not is_public_ip(address):
            raise FetchFailed("The address points into a private network.")
    return addresses


class _PublicOnlyConnection:
    """Mixin for urllib3 connections: connect only to the addresses just checked."""

    def _new_conn(self) -> socket.socket:
        failure: OSError | None = None
        for address in _public_addresses(self.host, self.port):
            try:
                return connection.create_connection(
                    (address, self.port),
                    self.timeout,
                    source_address=self.source_address,
                    socket_options=self.socket_options,
                )
            except TimeoutError as error:
                raise ConnectTimeoutError(self, f"Connection to {self.host} timed out.") from error
            except OSError as error:
                failure = error
        raise NewConnectionError(self, f"Failed to establish a new connection: {failure}") from failure


class _PublicHTTPConnection(_PublicOnlyConnection, urllib3.connection.HTTPConnection):
    pass


class _PublicHTTPSConnection(_PublicOnlyConnection, urllib3.connection.HTTPSConnection):
    pass


class _PublicHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _PublicHTTPConnection


class _PublicHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _PublicHTTPSConnection


class _PublicOnlyAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _PublicHTTPPool, "https": _PublicHTTPSPool}


def _session(*, allow_private: bool) -> requests.Session:
    session = requests.Session()
    # No proxies (see above) and no .netrc credentials for a stranger's host; a CA bundle
    # named the way requests reads it from the environment still counts.
    session.trust_env = False
    session.verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or True
    if not allow_private:
        adapter = _PublicOnlyAdapter()
        session.mount("http://", adapter)
        session.mount("https://", adapter)
    return session


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
    with _session(allow_private=allow_private) as session:
        for _hop in range(MAX_REDIRECTS + 1):
            _check_address(url)
            remaining = max(deadline - time.monotonic(), 0.1)
            try:
                with session.get(
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
