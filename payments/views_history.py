"""The client's payment history and a printable receipt per payment."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from payments.errors import PaymentNotFound
from payments.selectors_payouts import payments_paid_by, receipt_get_for
from accounts.selectors import user_zone

PAGE_SIZE = 20


@login_required
@require_GET
def payment_history(request):
    """``/payments/history/``: everything the signed-in person paid, newest first."""
    page = Paginator(payments_paid_by(client=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "payouts/history.html", {"page": page, "zone": user_zone(request.user).key})


@login_required
@require_GET
def payment_receipt(request, payment_id: int):
    """``/payments/<id>/receipt/``: only the payer's (anyone else gets 404)."""
    try:
        payment = receipt_get_for(client=request.user, payment_id=payment_id)
    except PaymentNotFound as error:
        raise Http404(error.message) from None
    return render(request, "payouts/receipt.html", {"payment": payment, "zone": user_zone(request.user).key})
