"""The calls API (SPEC §4, §8): a call, its LiveKit token, its end, and LiveKit's webhook.

Who may do what: a call is visible to its two participants (its expert once the client
has paid); anyone else gets 404. Joining and ending need a confirmed booking (409
``booking_not_confirmed`` otherwise, ``illegal_transition`` once the call ended) and
the join window (409 ``call_not_open`` before it opens, with ``fields.join_opens_at``;
``call_over`` for a token after the scheduled end). Ending releases the escrow, so it
also needs the call to have begun: 409 ``call_not_started`` before the scheduled start
(``fields.scheduled_start``) or while someone has never joined the room
(``fields.not_joined``). Without LiveKit configured a token is a 503
``video_service_unavailable`` whose message the call page shows as it is.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from calls.api.serializers import CallOut, GrantOut
from calls.errors import WebhookPayloadInvalid
from calls.selectors import call_get_for
from calls.services import call_end, call_token_create
from calls.webhooks import livekit_webhook_receive
from procusmeet.api.schema import error_responses


def _answer(request, call_id: int) -> Response:
    return Response(CallOut(call_get_for(user=request.user, call_id=call_id)).data)


class CallDetailApi(APIView):
    @extend_schema(operation_id="calls_retrieve", responses={200: CallOut, **error_responses(401, 404)})
    def get(self, request, call_id: int):
        return _answer(request, call_id)


class CallTokenApi(APIView):
    @extend_schema(
        operation_id="calls_token",
        request=None,
        responses={200: GrantOut, **error_responses(401, 404, 409, 503)},
        description="A LiveKit token to join the call's room (participants, confirmed booking, join window).",
    )
    def post(self, request, call_id: int):
        call = call_get_for(user=request.user, call_id=call_id)
        grant = call_token_create(call=call, user=request.user)
        return Response(GrantOut(grant).data)


class CallEndApi(APIView):
    @extend_schema(
        operation_id="calls_end",
        request=None,
        responses={200: CallOut, **error_responses(401, 404, 409)},
        description=(
            "End the call for both: call and booking completed, the escrow released to the expert. "
            "Only once the scheduled start has passed and both participants have joined the room "
            "(409 call_not_started otherwise; leaving needs no call here)."
        ),
    )
    def post(self, request, call_id: int):
        call_end(call=call_get_for(user=request.user, call_id=call_id), actor=request.user)
        return _answer(request, call_id)


class LiveKitWebhookOutcomeOut(serializers.Serializer):
    status = serializers.ChoiceField(choices=["processed", "duplicate", "ignored"])

    class Meta:
        ref_name = "LiveKitWebhookOutcome"


class LiveKitWebhookApi(APIView):
    """LiveKit's events, verified with livekit-api before anything else: a forged or
    tampered delivery gets 401 and changes nothing; valid ones get 200 (duplicates and
    events about rooms that are not ours included)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # signed by LiveKit, not by a user (and no CSRF)

    @extend_schema(
        operation_id="webhooks_livekit",
        request=None,
        responses={
            200: OpenApiResponse(LiveKitWebhookOutcomeOut, description="Accepted (processed, duplicate or ignored)."),
            **error_responses(400, 401, 503),
        },
    )
    def post(self, request):
        try:
            body = request.body.decode("utf-8")
        except UnicodeDecodeError:
            raise WebhookPayloadInvalid() from None
        outcome = livekit_webhook_receive(body=body, auth_header=request.headers.get("Authorization", ""))
        return Response({"status": outcome})
