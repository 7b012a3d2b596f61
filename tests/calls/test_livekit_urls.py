"""Browsers get ws(s)://; the server API is the same host over http(s)."""

import json
import os
import subprocess
import sys

import pytest

from calls.livekit import LiveKitClient, server_api_url


@pytest.mark.parametrize(
    ("browser_url", "api_url"),
    [
        ("ws://127.0.0.1:7880", "http://127.0.0.1:7880"),
        ("wss://lk.example.com", "https://lk.example.com"),
        ("wss://lk.example.com/", "https://lk.example.com"),
        ("wss://proxy.example.com/livekit", "https://proxy.example.com/livekit"),
        ("https://lk.example.com", "https://lk.example.com"),
    ],
)
def test_server_api_url_follows_the_browser_url(browser_url, api_url):
    assert server_api_url(browser_url) == api_url


def test_livekit_api_url_overrides_the_derived_address():
    client = LiveKitClient(url="wss://lk.example.com", api_key="k", api_secret="s", api_url="http://livekit:7880")

    assert client.server_url == "http://livekit:7880"


def connect_sources_with(livekit_url: str) -> list[str]:
    """The CSP connect-src the settings module builds for a LIVEKIT_URL (fresh process)."""
    script = "from django.conf import settings; import json; print(json.dumps(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['connect-src']))"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "procusmeet.settings", "DJANGO_ENV": "development", "LIVEKIT_URL": livekit_url}
    env.pop("CSP_CONNECT_EXTRA", None)
    output = subprocess.run([sys.executable, "-c", script], env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def test_the_content_security_policy_lets_the_call_page_reach_livekit_and_nothing_else():
    assert connect_sources_with("wss://lk.example.com") == ["'self'", "wss://lk.example.com", "https://lk.example.com"]
    assert connect_sources_with("ws://127.0.0.1:7880") == ["'self'", "ws://127.0.0.1:7880", "http://127.0.0.1:7880"]
