from django.urls import path

from payments import views, views_callback

app_name = "payments"

urlpatterns = [
    path("callback/", views_callback.payment_callback, name="callback"),
    path("test-checkout/<str:reference>/", views.test_checkout, name="test-checkout"),
    path("test-checkout/<str:reference>/pay/", views.test_checkout_pay, name="test-checkout-pay"),
    path("test-checkout/<str:reference>/fail/", views.test_checkout_fail, name="test-checkout-fail"),
]
