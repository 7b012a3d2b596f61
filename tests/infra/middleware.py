"""A middleware that reads the database before any view runs (as session or auth ones do)."""

from django.contrib.auth import get_user_model


class UserCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.user_count = get_user_model().objects.count()
        return self.get_response(request)
