from django.urls import path

from payments import views, views_callback, views_history, views_payouts

app_name = "payments"

urlpatterns = [
    path("callback/", views_callback.payment_callback, name="callback"),
    path("test-checkout/<str:reference>/", views.test_checkout, name="test-checkout"),
    path("test-checkout/<str:reference>/pay/", views.test_checkout_pay, name="test-checkout-pay"),
    path("test-checkout/<str:reference>/fail/", views.test_checkout_fail, name="test-checkout-fail"),
    path("payouts/", views_payouts.payouts, name="payouts"),
    path("bank-account/", views_payouts.bank_account, name="bank-account"),
    path("history/", views_history.payment_history, name="history"),
    path("<int:payment_id>/receipt/", views_history.payment_receipt, name="receipt"),
]
