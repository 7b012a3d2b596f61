"""The payments API: Paystack's webhook, and each participant's payments (SPEC §8)."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from payments.models import PaymentStatus
from payments.selectors import payments_visible_to
from payments.services import paystack_webhook_receive
from payments.webhooks import SIGNATURE_HEADER
from procusmeet.api.pagination import PagePagination
from procusmeet.api.schema import error_responses


class PaymentOut(serializers.Serializer):
    id = serializers.IntegerField()
    booking = serializers.IntegerField(source="call.booking.pk")
    call = serializers.IntegerField(source="call_id")
    status = serializers.ChoiceField(choices=PaymentStatus.choices)
    amount = serializers.IntegerField(help_text="Integer minor units of `currency`.")
    currency = serializers.CharField()
    reference = serializers.CharField()
    platform_fee = serializers.IntegerField(allow_null=True, help_text="Set when the payment is released.")
    expert_share = serializers.IntegerField(allow_null=True, help_text="Set when the payment is released.")
    refund_status = serializers.CharField(help_text="The provider's refund status once a refund was asked for.")
    created_at = serializers.DateTimeField()
    held_at = serializers.DateTimeField(allow_null=True)
    released_at = serializers.DateTimeField(allow_null=True)
    refunded_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "Payment"


class PaymentListApi(APIView):
    pagination_class = PagePagination  # so the schema shows the paginated envelope

    @extend_schema(
        operation_id="payments_list",
        parameters=[OpenApiParameter("page", int)],
        responses={200: PaymentOut(many=True), **error_responses(401)},
        description="Payments of the caller's calls, newest first (an expert's once held in escrow).",
    )
    def get(self, request):
        paginator = PagePagination()
        page = paginator.paginate_queryset(payments_visible_to(request.user), request, view=self)
        return paginator.get_paginated_response(PaymentOut(page, many=True).data)


class WebhookOutcomeOut(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=["processed", "duplicate", "ignored", "failed"],
        help_text="`failed`: stored and retried by a job (the delivery needs no resending).",
    )

    class Meta:
        ref_name = "PaystackWebhookOutcome"


class PaystackWebhookApi(APIView):
    """Paystack's events. The signature is checked on the raw body before it is parsed:
    a forged or unsigned delivery gets 401 and changes nothing. Valid deliveries get 200
    at once, duplicates and events we do not act on included; a signed body that is not
    a JSON object gets 400."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # signed by Paystack, not by a user (and no CSRF)

    @extend_schema(
        operation_id="webhooks_paystack",
        request=None,
        responses={
            200: OpenApiResponse(
                WebhookOutcomeOut, description="Accepted (processed, duplicate, ignored, or failed and kept to retry)."
            ),
            **error_responses(400, 401),
        },
    )
    def post(self, request):
        outcome = paystack_webhook_receive(body=request.body, signature=request.headers.get(SIGNATURE_HEADER))
        return Response({"status": outcome})
