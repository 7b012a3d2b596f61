from django.urls import path

from payments.api import payouts, receipts
from payments.api.views import PaymentListApi, PaystackWebhookApi

urlpatterns = [
    path("payments", PaymentListApi.as_view(), name="api-payments"),
    path("payments/<int:payment_id>/receipt", receipts.PaymentReceiptApi.as_view(), name="api-payment-receipt"),
    path("payments/<int:payment_id>/verify", receipts.PaymentVerifyApi.as_view(), name="api-payment-verify"),
    path("webhooks/paystack", PaystackWebhookApi.as_view(), name="api-webhooks-paystack"),
]

# Payouts and the bank account they go to.
urlpatterns += [
    path("banks", payouts.BankListApi.as_view(), name="api-banks"),
    path("bank-account", payouts.BankAccountApi.as_view(), name="api-bank-account"),
    path("bank-account/resolve", payouts.BankAccountResolveApi.as_view(), name="api-bank-account-resolve"),
    path("balance", payouts.BalanceApi.as_view(), name="api-balance"),
    path("payouts", payouts.PayoutListApi.as_view(), name="api-payouts"),
    path("payouts/<int:payout_id>", payouts.PayoutDetailApi.as_view(), name="api-payout"),
]
