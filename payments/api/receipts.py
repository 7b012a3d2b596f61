"""The payer's side of a payment, as the pages offer it: the receipt of
``/payments/<id>/receipt/`` and the "is my payment through?" check that the checkout's
return to ``/payments/callback/`` runs.

Clients only (an expert gets 403); a payment that is not the caller's is a 404, like
one that does not exist.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsClient
from payments.api.views import PaymentOut
from payments.errors import PaymentNotFound
from payments.models import Payment, PaymentStatus
from payments.selectors_payouts import payments_paid_by, receipt_get_for
from procusmeet.api.schema import error_responses
from scheduling.bookings.payments import booking_payment_confirm


class ReceiptOut(PaymentOut):
    """What the printable receipt shows, beside the payment itself."""

    billed_to_name = serializers.CharField(source="call.client.full_name")
    billed_to_email = serializers.EmailField(source="call.client.email")
    service = serializers.CharField(source="call.area.title")
    duration_minutes = serializers.IntegerField(source="call.duration_minutes")
    expert = serializers.CharField(source="call.expert.expert_profile.display_name")
    scheduled_start = serializers.DateTimeField(source="call.scheduled_start")
    total = serializers.SerializerMethodField(help_text="What the payer is out of pocket: 0 once refunded.")

    class Meta:
        ref_name = "PaymentReceipt"

    def get_total(self, payment: Payment) -> int:
        return 0 if payment.status == PaymentStatus.REFUNDED else payment.amount


class _ClientApi(APIView):
    permission_classes = [IsAuthenticated, IsClient]


class PaymentReceiptApi(_ClientApi):
    @extend_schema(
        operation_id="payments_receipt",
        responses={200: ReceiptOut, **error_responses(401, 403, 404)},
        description="The receipt of one of your payments, once money was taken (before that, 404).",
    )
    def get(self, request, payment_id: int):
        payment = receipt_get_for(client=request.user, payment_id=payment_id)
        return Response(ReceiptOut(payment).data)


class PaymentVerifyApi(_ClientApi):
    @extend_schema(
        operation_id="payments_verify",
        request=None,
        responses={200: PaymentOut, **error_responses(401, 403, 404, 502, 503)},
        description="Ask the provider now whether one of your payments went through (what the web "
        "checkout's return does): a paid charge is held and the request goes to the expert. "
        "Idempotent; the provider's webhook does the same on its own. `status` stays `pending` "
        "while the charge is not paid.",
    )
    def post(self, request, payment_id: int):
        payment = payments_paid_by(client=request.user).filter(pk=payment_id).first()
        if payment is None:
            raise PaymentNotFound(_("No such payment."))
        booking_payment_confirm(reference=payment.reference)
        return Response(PaymentOut(payments_paid_by(client=request.user).get(pk=payment_id)).data)
