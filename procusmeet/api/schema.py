"""OpenAPI pieces every app's API shares: the one error shape, documented once."""

from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

_DESCRIPTIONS = {
    400: "Invalid input; `fields` names each bad field.",
    401: "Not signed in, or the token is invalid or expired.",
    403: "Signed in, but not allowed to do this.",
    404: "Not found (or not yours).",
    409: "Conflicts with the current state.",
    415: "The body's content type is not one this operation reads (send JSON).",
    429: "Too many requests from this address; try again after the `Retry-After` seconds.",
    502: "A provider we depend on refused the request or answered something unreadable.",
    503: "A service we depend on is briefly unavailable.",
}


# What api/errors.py's _flatten writes: a field's messages, or for nested input (a list of
# ranges, a nested object) the same shape again under each item index or sub-field name,
# e.g. {"ranges": {"0": {"end": ["Must be after the start."]}}}.
_FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {
        "anyOf": [
            {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "object"}]}},
            {"type": "object"},
        ]
    },
}


@extend_schema_field(_FIELD_ERRORS)
class _FieldErrorsField(serializers.DictField):
    pass


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = _FieldErrorsField()

    class Meta:
        ref_name = "ErrorBody"


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()

    class Meta:
        ref_name = "Error"


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """``responses={200: X, **error_responses(400, 401)}`` in ``extend_schema``."""
    return {status: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS.get(status, "")) for status in statuses}


def paginated_errors_add(result, generator, request, public):
    """Post-processing hook: every paginated list also answers 400 (``page`` or
    ``page_size`` not a whole number from 1) and 404 (a page past the end), which its
    view cannot declare since the pagination class raises them."""
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):  # a path's shared "parameters" list
                continue
            names = {p.get("name") for p in operation.get("parameters", []) if p.get("in") == "query"}
            if "page" not in names:
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("400", {**error, "description": _DESCRIPTIONS[400]})
            responses.setdefault("404", {**error, "description": "A page past the end."})
    return result


# Provider webhooks are exempt from the rate limit (procusmeet/ratelimits.py EXEMPT_PATHS).
_NOT_RATE_LIMITED = ("/api/v1/webhooks/",)


def common_errors_add(result, generator, request, public):
    """Post-processing hook: the answers any operation can give whatever its view says.
    Every operation can be rate limited (429, from the middleware) except the webhooks,
    and every operation that reads a body refuses one it cannot parse (415, from DRF)."""
    error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path, operations in result.get("paths", {}).items():
        for operation in operations.values():
            if not isinstance(operation, dict):  # a path's shared "parameters" list
                continue
            responses = operation.setdefault("responses", {})
            if not path.startswith(_NOT_RATE_LIMITED):
                responses.setdefault("429", {**error, "description": _DESCRIPTIONS[429]})
            if "requestBody" in operation:
                responses.setdefault("415", {**error, "description": _DESCRIPTIONS[415]})
    return result
