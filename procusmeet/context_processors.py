from django.conf import settings


def site(request):
    return {
        "GOOGLE_LOGIN_ENABLED": settings.GOOGLE_LOGIN_ENABLED,
        "PAYMENT_TEST_MODE": settings.PAYMENT_PROVIDER == "test",
        "SITE_URL": settings.SITE_URL,
    }
