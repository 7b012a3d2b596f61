"""The site's URLs plus small views that misbehave on purpose, for the cross-cutting tests."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import path
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from procusmeet.urls import handler400, handler403, handler404, handler500  # noqa: F401
from procusmeet.urls import urlpatterns as site_urlpatterns


class CountApi(APIView):
    """POST only, validates its input: for 400 and 405."""

    permission_classes = (AllowAny,)

    class InputSerializer(serializers.Serializer):
        count = serializers.IntegerField(min_value=1)

    def post(self, request):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data)


class PrivateApi(APIView):
    """The default permission (authenticated users): for 401."""

    def get(self, request):
        return Response({"email": request.user.email})


class BrokenApi(APIView):
    permission_classes = (AllowAny,)

    def get(self, request):
        raise RuntimeError("a bug")


class UserCountApi(APIView):
    permission_classes = (AllowAny,)

    def get(self, request):
        return Response({"users": get_user_model().objects.count()})


def broken_page(request):
    raise RuntimeError("a bug")


def user_count_page(request):
    return HttpResponse(str(get_user_model().objects.count()))


urlpatterns = [
    path("api/v1/test/count", CountApi.as_view()),
    path("api/v1/test/private", PrivateApi.as_view()),
    path("api/v1/test/broken", BrokenApi.as_view()),
    path("api/v1/test/users", UserCountApi.as_view()),
    path("test/broken", broken_page),
    path("test/users", user_count_page),
    # After ours: the site's list ends with the /api/ catch-all.
    *site_urlpatterns,
]
