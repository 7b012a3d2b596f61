"""OpenAPI pieces every app's API shares: the one error shape, documented once."""

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers

_DESCRIPTIONS = {
    400: "Invalid input; `fields` names each bad field.",
    401: "Not signed in, or the token is invalid or expired.",
    403: "Signed in, but not allowed to do this.",
    404: "Not found (or not yours).",
    409: "Conflicts with the current state.",
    503: "A service we depend on is briefly unavailable.",
}


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))

    class Meta:
        ref_name = "ErrorBody"


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()

    class Meta:
        ref_name = "Error"


def error_responses(*statuses: int) -> dict[int, OpenApiResponse]:
    """``responses={200: X, **error_responses(400, 401)}`` in ``extend_schema``."""
    return {status: OpenApiResponse(ErrorSerializer, description=_DESCRIPTIONS.get(status, "")) for status in statuses}
