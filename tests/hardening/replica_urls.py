"""The site's URLs plus one view that reports where its reads would go."""

from django.db import router
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from accounts.models import ExpertProfile, User
from procusmeet.urls import urlpatterns as site_urlpatterns


@csrf_exempt
def read_aliases(request):
    return JsonResponse({"profiles": router.db_for_read(ExpertProfile), "users": router.db_for_read(User)})


urlpatterns = [
    path("test/read-aliases", read_aliases, name="test-read-aliases"),
    path("test/other-aliases", read_aliases, name="test-other-aliases"),
    *site_urlpatterns,
]
