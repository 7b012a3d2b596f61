"""Error answers shared by middleware and handlers: JSON for the API, pages for people."""

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def is_api_request(request) -> bool:
    return request.path.startswith("/api/")


def error_json(status: int, code: str, message: str, fields: dict | None = None) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": fields or {}}}, status=status)


def service_unavailable(request):
    message = _("The service is briefly unavailable. Please try again in a moment.")
    if is_api_request(request):
        response = error_json(503, "service_unavailable", message)
    else:
        response = render(request, "errors/503.html", {"message": message}, status=503)
    response["Retry-After"] = "5"
    return response
