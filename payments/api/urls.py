from django.urls import path

from payments.api.views import PaymentListApi, PaystackWebhookApi

urlpatterns = [
    path("payments", PaymentListApi.as_view(), name="api-payments"),
    path("webhooks/paystack", PaystackWebhookApi.as_view(), name="api-webhooks-paystack"),
]
