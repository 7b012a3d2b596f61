"""The feed download connects only to the addresses it checked (no DNS rebinding).

A stand-in resolver answers for made-up host names and a stand-in network routes the
public addresses it hands out to the local feed server, so the real ``requests`` and
``urllib3`` code runs end to end without leaving the machine.
"""

import socket

import pytest
import urllib3.util.connection

from calendars.fetch import FetchFailed, feed_download
from tests.calendars.feed_server import FeedServer
from tests.calendars.ics_samples import calendar, event

PUBLIC = "93.184.215.14"
REFUSING = "93.184.215.15"
DOCUMENT = calendar(event("busy", "DTSTART:20260105T090000Z", "DURATION:PT1H")).encode()


class Network:
    def __init__(self, monkeypatch, port: int):
        self.port = port
        self.answers: dict[str, list[list[str]]] = {}
        self.lookups: list[str] = []
        self.dialled: list[tuple[str, int]] = []
        real_lookup, real_dial = socket.getaddrinfo, urllib3.util.connection.create_connection

        def lookup(host, port, *args, **kwargs):
            if host not in self.answers:
                return real_lookup(host, port, *args, **kwargs)
            self.lookups.append(host)
            script = self.answers[host]
            addresses = script.pop(0) if len(script) > 1 else script[0]
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, port)) for a in addresses]

        def dial(address, *args, **kwargs):
            self.dialled.append(tuple(address))
            if address[0] == REFUSING:
                raise ConnectionRefusedError("refused")
            target = ("127.0.0.1", address[1]) if address[0] == PUBLIC else address
            return real_dial(target, *args, **kwargs)

        monkeypatch.setattr(socket, "getaddrinfo", lookup)
        monkeypatch.setattr(urllib3.util.connection, "create_connection", dial)

    def url(self, host: str, path: str) -> str:
        return f"http://{host}:{self.port}{path}"


@pytest.fixture
def feeds():
    with FeedServer() as server:
        yield server


@pytest.fixture
def network(monkeypatch, feeds):
    return Network(monkeypatch, int(feeds.origin.rsplit(":", 1)[1]))


def download(url: str) -> bytes:
    return feed_download(url, timeout=2, max_bytes=100_000, allow_private=False)


def test_a_host_rebinding_to_localhost_after_the_check_is_never_dialled(feeds, network):
    """The attacker's DNS answers a public address first and 127.0.0.1 afterwards: the
    download resolves once and connects to the address it checked."""
    feeds.publish("/work.ics", DOCUMENT)
    network.answers["calendar.example"] = [[PUBLIC], ["127.0.0.1"]]

    assert download(network.url("calendar.example", "/work.ics")) == DOCUMENT

    assert network.lookups == ["calendar.example"]
    assert network.dialled == [(PUBLIC, network.port)]
    assert feeds.hosts == [f"calendar.example:{network.port}"]  # the server still sees its name


def test_a_host_with_any_private_answer_is_refused_before_connecting(feeds, network):
    feeds.publish("/work.ics", DOCUMENT)
    network.answers["calendar.example"] = [[PUBLIC, "10.1.2.3"]]

    with pytest.raises(FetchFailed, match="private network"):
        download(network.url("calendar.example", "/work.ics"))

    assert network.dialled == [] and feeds.requests == []


def test_a_redirect_to_a_host_that_resolves_privately_is_refused(feeds, network):
    feeds.publish("/old.ics", b"", status=302, location=network.url("intranet.example", "/secret.ics"))
    feeds.publish("/secret.ics", DOCUMENT)
    network.answers["calendar.example"] = [[PUBLIC]]
    network.answers["intranet.example"] = [["127.0.0.1"]]

    with pytest.raises(FetchFailed, match="private network"):
        download(network.url("calendar.example", "/old.ics"))

    assert feeds.requests == ["/old.ics"]


def test_the_next_checked_address_is_tried_when_one_refuses(feeds, network):
    feeds.publish("/work.ics", DOCUMENT)
    network.answers["calendar.example"] = [[REFUSING, PUBLIC]]

    assert download(network.url("calendar.example", "/work.ics")) == DOCUMENT
    assert network.dialled == [(REFUSING, network.port), (PUBLIC, network.port)]


def test_an_unknown_host_is_reported_by_name(network):
    with pytest.raises(FetchFailed, match="The host nowhere.invalid could not be found."):
        download(network.url("nowhere.invalid", "/work.ics"))


def _certificate(tmp_path, host: str):
    """A CA file and a server certificate for ``host`` signed by it (PEM paths)."""
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    now = dt.datetime.now(dt.UTC)
    ca_key, key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())

    def signed(subject, public_key, *extensions):
        builder = x509.CertificateBuilder().subject_name(subject).issuer_name(name("Test CA")).public_key(public_key)
        builder = builder.serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(hours=1))
        builder = builder.not_valid_after(now + dt.timedelta(hours=1))
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical=critical)
        return builder.sign(ca_key, hashes.SHA256())

    ca = signed(name("Test CA"), ca_key.public_key(), (x509.BasicConstraints(ca=True, path_length=None), True))
    leaf = signed(name(host), key.public_key(), (x509.SubjectAlternativeName([x509.DNSName(host)]), False))
    ca_file, cert_file, key_file = tmp_path / "ca.pem", tmp_path / "cert.pem", tmp_path / "key.pem"
    ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return ca_file, cert_file, key_file


@pytest.mark.parametrize(("certified", "readable"), [("calendar.example", True), ("other.example", False)])
def test_https_still_checks_the_certificate_against_the_host_name(
    feeds, network, tmp_path, monkeypatch, certified, readable
):
    """Connecting to the checked address must not weaken TLS: SNI and the certificate
    check use the name in the address, not the IP it was pinned to."""
    import ssl

    ca_file, cert_file, key_file = _certificate(tmp_path, certified)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    feeds._server.socket = context.wrap_socket(feeds._server.socket, server_side=True)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    feeds.publish("/work.ics", DOCUMENT)
    network.answers["calendar.example"] = [[PUBLIC]]
    url = network.url("calendar.example", "/work.ics").replace("http://", "https://")

    if readable:
        assert download(url) == DOCUMENT and network.dialled == [(PUBLIC, network.port)]
    else:
        with pytest.raises(FetchFailed, match="could not be reached") as refused:
            download(url)
        assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value.__cause__) and feeds.requests == []
