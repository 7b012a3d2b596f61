"""Pages of the payments app."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from accounts.selectors import user_zone
from accounts.storefront.money import money_format
from payments.models import Payment, PaymentStatus, TestTransaction
from payments.providers.base import reference_well_formed
from payments.providers.test import checkout_fail, checkout_pay


def _test_transaction(reference: str) -> TestTransaction:
    # The imitation checkout exists only while the test provider is the one in use.
    if settings.PAYMENT_PROVIDER != "test" or not reference_well_formed(reference):
        raise Http404
    return get_object_or_404(TestTransaction, reference=reference)


def _callback_url(tx: TestTransaction) -> str:
    """Back to the merchant like Paystack does: ``callback_url?reference=…``.

    Our own callback becomes a bare path: this checkout is served by the site itself, so
    the browser stays on the address it is using even where ``SITE_URL`` names another
    (a development server on a port other than ``PORT``)."""
    parts = urlsplit(tx.callback_url)
    if parts.netloc == urlsplit(settings.SITE_URL).netloc:
        parts = parts._replace(scheme="", netloc="")
    query = [(key, value) for key, value in parse_qsl(parts.query) if key != "reference"]
    query.append(("reference", tx.reference))
    return urlunsplit(parts._replace(query=urlencode(query)))


def _payable(tx: TestTransaction) -> bool:
    """Open for paying: not paid yet, and its booking still waits for the money (a link
    kept after the booking expired or was cancelled must not take money it would refund)."""
    unpaid = tx.status in {TestTransaction.Status.ABANDONED, TestTransaction.Status.FAILED}
    closed = Payment.objects.filter(reference=tx.reference).exclude(status=PaymentStatus.PENDING).exists()
    return unpaid and not closed


def _paid_for(tx: TestTransaction) -> dict | None:
    """What the charge pays for: the booked call, its start in the client's zone (none for
    a bare test charge without a booking)."""
    payment = (
        Payment.objects.select_related("call__area", "call__expert__expert_profile", "call__client")
        .filter(reference=tx.reference)
        .first()
    )
    if payment is None:
        return None
    call = payment.call
    zone = user_zone(call.client)
    return {
        "title": call.area.title,
        "expert": call.expert.expert_profile.display_name,
        "start": call.scheduled_start.astimezone(zone),
        "zone": zone.key,
    }


@require_GET
def test_checkout(request, reference: str):
    """The test provider's hosted checkout: clearly no money moves."""
    tx = _test_transaction(reference)
    context = {
        "tx": tx,
        "amount_display": money_format(tx.amount, tx.currency),
        "payable": _payable(tx),
        "paid": tx.status == TestTransaction.Status.SUCCESS,
        "return_url": _callback_url(tx),
        "paid_for": _paid_for(tx),
    }
    return render(request, "payments/test_checkout.html", context)


@require_POST
def test_checkout_pay(request, reference: str):
    tx = _test_transaction(reference)
    if _payable(tx):
        tx = checkout_pay(reference=tx.reference)
    return redirect(_callback_url(tx))


@require_POST
def test_checkout_fail(request, reference: str):
    tx = checkout_fail(reference=_test_transaction(reference).reference)
    return redirect(_callback_url(tx))
