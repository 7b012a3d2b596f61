"""Request ids for structured logs: the middleware sets one per request."""

import contextvars
import logging

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        # django.request logs 4xx answers after the middleware has returned, but it
        # passes the request along; fall back to it when the context is already reset.
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", None) or current_request_id.get()
        return True


class ClientErrorWithoutTraceback(logging.Filter):
    """A 4xx answer (a refused permission, a malformed body) is the client's doing, not
    a fault: Django logs it with the exception that produced it, and a traceback per
    403 would bury the real errors. Keep it one warning line; 5xx keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
