"""Where the checkout sends the payer back: ``/payments/callback/?reference=…``.

The query string is only a hint; the payment is verified with the provider server-side
(amount and currency included) before it is held, then the payer lands on their
booking's page with a message saying what happened.
"""

import logging

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from payments.errors import PaymentProviderError, PaymentProviderUnavailable
from payments.models import Payment, PaymentStatus
from payments.providers.base import reference_well_formed
from scheduling.bookings.payments import booking_payment_confirm

logger = logging.getLogger(__name__)


def _report(request, payment: Payment) -> None:
    if payment.status == PaymentStatus.HELD:
        messages.success(request, _("Payment received. Your request is with the expert now."))
    elif payment.status == PaymentStatus.PENDING:
        messages.warning(request, _("Your payment is not complete yet. You can try again from this page."))
    elif payment.status == PaymentStatus.REFUNDED:
        messages.info(request, _("This booking had already ended, so your payment is being refunded."))
    elif payment.status == PaymentStatus.FAILED:
        messages.error(request, _("We could not accept this payment. Any money taken is being returned to you."))


@require_GET
def payment_callback(request):
    reference = request.GET.get("reference", "")
    payment = None
    if reference_well_formed(reference):
        payment = Payment.objects.select_related("call__booking").filter(reference=reference).first()
    if payment is None:
        raise Http404(_("No such payment."))
    try:
        payment = booking_payment_confirm(reference=reference)
    except (PaymentProviderUnavailable, PaymentProviderError):
        logger.warning("payment callback could not verify reference=%s", reference)
        messages.warning(
            request,
            _("We could not confirm your payment with the provider yet. This booking is updated as soon as they do."),
        )
    else:
        _report(request, payment)
    return redirect("scheduling:booking-detail", booking_id=payment.call.booking.pk)
