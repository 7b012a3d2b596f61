"""The expert's money through the API (SPEC §8): banks, bank account, balance, payouts.

Experts only (a client gets 403); each expert only ever sees their own rows. The
bank account answer never carries the full account number, only its masked form.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsExpert
from payments.balance import expert_balances
from payments.bank_accounts import (
    ACCOUNT_NUMBER_MESSAGE,
    ACCOUNT_NUMBER_PATTERN,
    bank_account_resolve,
    bank_account_set,
    banks_list,
)
from payments.models_payouts import PayoutStatus
from payments.payout_services import payout_request
from payments.selectors_payouts import bank_account_of, payout_get_for, payouts_of
from procusmeet.api.errors import NotFound
from procusmeet.api.fields import WholeNumberField
from procusmeet.api.pagination import PagePagination
from procusmeet.api.schema import error_responses


class _ExpertApi(APIView):
    permission_classes = [IsAuthenticated, IsExpert]


def _expert_currency(request) -> str:
    return request.user.expert_profile.currency


class BankOut(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    type = serializers.CharField(help_text="Paystack's recipient type: nuban, ghipss, basa, mobile_money.")

    class Meta:
        ref_name = "Bank"


class BankListApi(_ExpertApi):
    class FilterSerializer(serializers.Serializer):
        currency = serializers.CharField(required=False, max_length=3)

        class Meta:
            ref_name = "BankFilter"

    class OutputSerializer(serializers.Serializer):
        currency = serializers.CharField()
        banks = BankOut(many=True)

        class Meta:
            ref_name = "BankList"

    @extend_schema(
        operation_id="banks_list",
        parameters=[OpenApiParameter("currency", str, description="Default: the expert's currency.")],
        responses={200: OutputSerializer, **error_responses(400, 401, 403, 502, 503)},
        description="Banks (and mobile money operators) that can receive payouts in the currency.",
    )
    def get(self, request):
        query = self.FilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        currency = (query.validated_data.get("currency") or _expert_currency(request)).upper()
        banks = banks_list(currency=currency)
        return Response(self.OutputSerializer({"currency": currency, "banks": banks}).data)


class BankAccountIn(serializers.Serializer):
    currency = serializers.CharField(required=False, max_length=3, help_text="Default: the expert's currency.")
    bank_code = serializers.CharField(max_length=20, help_text="A `code` from `GET /api/v1/banks`.")
    account_number = serializers.RegexField(
        ACCOUNT_NUMBER_PATTERN, error_messages={"invalid": ACCOUNT_NUMBER_MESSAGE}, help_text="6–20 digits (0–9)."
    )

    class Meta:
        ref_name = "BankAccountInput"


class ResolvedAccountOut(serializers.Serializer):
    currency = serializers.CharField()
    bank_code = serializers.CharField(source="bank.code")
    bank_name = serializers.CharField(source="bank.name")
    account_number = serializers.CharField()
    account_name = serializers.CharField(help_text="The name the bank holds: confirm it is yours.")

    class Meta:
        ref_name = "ResolvedBankAccount"


class BankAccountOut(serializers.Serializer):
    currency = serializers.CharField()
    bank_code = serializers.CharField()
    bank_name = serializers.CharField()
    account_number_masked = serializers.CharField(source="masked_number")
    account_name = serializers.CharField()
    updated_at = serializers.DateTimeField()

    class Meta:
        ref_name = "BankAccount"


def _account_input(request) -> dict:
    serializer = BankAccountIn(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    return {**data, "currency": data.get("currency") or _expert_currency(request)}


class BankAccountApi(_ExpertApi):
    @extend_schema(
        operation_id="bank_account_retrieve", responses={200: BankAccountOut, **error_responses(401, 403, 404)}
    )
    def get(self, request):
        account = bank_account_of(expert=request.user)
        if account is None:
            raise NotFound(_("No bank account yet."))
        return Response(BankAccountOut(account).data)

    @extend_schema(
        operation_id="bank_account_set",
        request=BankAccountIn,
        responses={200: BankAccountOut, **error_responses(400, 401, 403, 502, 503)},
        description="Resolve the account, register it as the transfer recipient and make it the payout account.",
    )
    def put(self, request):
        account = bank_account_set(expert=request.user, **_account_input(request))
        return Response(BankAccountOut(account).data)


class BankAccountResolveApi(_ExpertApi):
    @extend_schema(
        operation_id="bank_account_resolve",
        request=BankAccountIn,
        responses={200: ResolvedAccountOut, **error_responses(400, 401, 403, 502, 503)},
        description="The name on the account, to confirm before saving it (nothing is saved).",
    )
    def post(self, request):
        return Response(ResolvedAccountOut(bank_account_resolve(**_account_input(request))).data)


class BalanceOut(serializers.Serializer):
    currency = serializers.CharField()
    earned = serializers.IntegerField(help_text="Your share of completed calls (minor units).")
    paid_out = serializers.IntegerField()
    pending = serializers.IntegerField(help_text="Payouts requested or on their way.")
    available = serializers.IntegerField(help_text="What you can request as a payout now.")

    class Meta:
        ref_name = "Balance"


class BalanceApi(_ExpertApi):
    class OutputSerializer(serializers.Serializer):
        balances = BalanceOut(many=True)
        payout_minimum = serializers.IntegerField(help_text="The smallest payout, in minor units.")

        class Meta:
            ref_name = "Balances"

    @extend_schema(operation_id="balance_retrieve", responses={200: OutputSerializer, **error_responses(401, 403)})
    def get(self, request):
        data = {"balances": expert_balances(expert=request.user), "payout_minimum": settings.PAYOUT_MINIMUM}
        return Response(self.OutputSerializer(data).data)


class PayoutOut(serializers.Serializer):
    id = serializers.IntegerField()
    amount = serializers.IntegerField(help_text="Integer minor units of `currency`.")
    currency = serializers.CharField()
    status = serializers.ChoiceField(choices=PayoutStatus.choices)
    reference = serializers.CharField()
    failure_reason = serializers.CharField()
    requested_at = serializers.DateTimeField()
    sent_at = serializers.DateTimeField(allow_null=True)
    settled_at = serializers.DateTimeField(allow_null=True)

    class Meta:
        ref_name = "Payout"


class PayoutListApi(_ExpertApi):
    pagination_class = PagePagination  # so the schema shows the paginated envelope (GET)

    class InputSerializer(serializers.Serializer):
        # Not IntegerField: it takes 1500.0 and "1500.00" as 1500; a decimal point means the
        # sender thinks in major units (SPEC §5: minor units, never floats), so it is refused.
        amount = WholeNumberField(min_value=1, help_text="Minor units (a whole number), at most the available balance.")
        currency = serializers.CharField(required=False, max_length=3, help_text="Default: the bank account's.")

        class Meta:
            ref_name = "PayoutRequest"

    @extend_schema(
        operation_id="payouts_list",
        parameters=[OpenApiParameter("page", int)],
        responses={200: PayoutOut(many=True), **error_responses(401, 403)},
    )
    def get(self, request):
        paginator = PagePagination()
        page = paginator.paginate_queryset(payouts_of(expert=request.user), request, view=self)
        return paginator.get_paginated_response(PayoutOut(page, many=True).data)

    @extend_schema(
        operation_id="payouts_create",
        request=InputSerializer,
        responses={201: PayoutOut, **error_responses(400, 401, 403, 409)},
        description="Request a payout to your bank account; it is sent in the background.",
    )
    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        payout = payout_request(expert=request.user, **serializer.validated_data)
        payout.refresh_from_db()  # the transfer may have moved it on already
        return Response(PayoutOut(payout).data, status=status.HTTP_201_CREATED)


class PayoutDetailApi(_ExpertApi):
    @extend_schema(operation_id="payouts_retrieve", responses={200: PayoutOut, **error_responses(401, 403, 404)})
    def get(self, request, payout_id: int):
        return Response(PayoutOut(payout_get_for(expert=request.user, payout_id=payout_id)).data)
