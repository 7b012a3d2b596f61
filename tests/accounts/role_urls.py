"""A tiny API guarded by the role permission classes, for their tests."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsClient, IsExpert


class ExpertOnlyApi(APIView):
    permission_classes = (IsExpert,)

    def get(self, request):
        return Response({"ok": True})


class ClientOnlyApi(APIView):
    permission_classes = (IsClient,)

    def get(self, request):
        return Response({"ok": True})


urlpatterns = [
    path("api/v1/expert-only", ExpertOnlyApi.as_view()),
    path("api/v1/client-only", ClientOnlyApi.as_view()),
]
