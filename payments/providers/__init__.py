"""``get_provider()``: the payment gateway chosen by ``settings.PAYMENT_PROVIDER``."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from payments.providers.base import PaymentProvider

PROVIDER_NAMES = ("paystack", "test")


def get_provider() -> PaymentProvider:
    """A fresh provider for this unit of work (HTTP sessions are not shared by threads)."""
    name = settings.PAYMENT_PROVIDER
    if name == "paystack":
        from payments.providers.paystack import PaystackProvider

        return PaystackProvider.from_settings()
    if name == "test":
        from payments.providers.test import TestProvider

        return TestProvider()
    raise ImproperlyConfigured(f"PAYMENT_PROVIDER must be one of {', '.join(PROVIDER_NAMES)}, not {name!r}.")
