"""Cross-cutting middleware: request ids, outage answers, live user checks, headers."""

import logging
import re
import uuid

from django.conf import settings
from django.db import InterfaceError, OperationalError

from procusmeet.logging import current_request_id
from procusmeet.responses import service_unavailable

logger = logging.getLogger(__name__)
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
DATABASE_ERRORS = (OperationalError, InterfaceError)


class RequestIdMiddleware:
    """Tag each request (and its log lines) with an id, echoed in `X-Request-ID`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.id = incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request.id
        return response


class DatabaseUnavailableMiddleware:
    """A database outage answers a calm 503 (JSON for the API), never a trace."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    # Errors raised by later middleware never reach __call__ (Django turns them into
    # responses on the way); views.server_error answers those with the same 503.
    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("database unavailable", exc_info=exception)
            return service_unavailable(request)
        return None


class PermissionsPolicyMiddleware:
    """Camera and microphone for our own origin only (the call pages need them)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
