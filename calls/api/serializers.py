"""What the calls API answers: a call with its join window and attendance, a token,
and the expert's private notes."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from calls.models import CallStatus
from calls.selectors import call_presence
from calls.services import window_of


class StayOut(serializers.Serializer):
    user = serializers.IntegerField(source="user_id")
    joined_at = serializers.DateTimeField(allow_null=True)
    left_at = serializers.DateTimeField(allow_null=True)
    seconds = serializers.IntegerField(allow_null=True, help_text="How long this stay lasted, once it ended.")

    class Meta:
        ref_name = "CallStay"


class PresenceOut(serializers.Serializer):
    user = serializers.IntegerField(source="user.pk")
    role = serializers.ChoiceField(choices=["expert", "client"])
    joined = serializers.BooleanField()
    first_joined_at = serializers.DateTimeField(allow_null=True)
    seconds = serializers.IntegerField(help_text="Time in the room over every stay that ended.")
    stays = StayOut(many=True)

    class Meta:
        ref_name = "CallPresence"


class CallOut(serializers.Serializer):
    id = serializers.IntegerField()
    booking = serializers.IntegerField(source="booking.pk")
    status = serializers.ChoiceField(choices=CallStatus.choices)
    expert = serializers.IntegerField(source="expert_id")
    client = serializers.IntegerField(source="client_id")
    scheduled_start = serializers.DateTimeField()
    scheduled_end = serializers.DateTimeField()
    join_opens_at = serializers.SerializerMethodField(help_text="Joining is possible from here until scheduled_end.")
    started_at = serializers.DateTimeField(allow_null=True, help_text="When the first participant joined.")
    ended_at = serializers.DateTimeField(allow_null=True)
    absent = serializers.SerializerMethodField(help_text="For a no-show: who never joined.")
    attendance = serializers.SerializerMethodField(help_text="The expert's, then the client's, from LiveKit.")

    class Meta:
        ref_name = "Call"

    def get_join_opens_at(self, call) -> str:
        return serializers.DateTimeField().to_representation(window_of(call).opens_at)

    @extend_schema_field(PresenceOut(many=True))
    def get_attendance(self, call) -> list[dict]:
        return PresenceOut(call_presence(call), many=True).data

    def get_absent(self, call) -> list[str]:
        no_show = getattr(call, "no_show", None)
        if no_show is None:
            return []
        return [role for role, gone in (("expert", no_show.expert_absent), ("client", no_show.client_absent)) if gone]


class GrantOut(serializers.Serializer):
    token = serializers.CharField(help_text="A LiveKit access token (JWT) for this call's room only.")
    url = serializers.CharField(help_text="The LiveKit server to connect to (ws:// or wss://).")
    room = serializers.CharField()

    class Meta:
        ref_name = "CallToken"


class NoteOut(serializers.Serializer):
    id = serializers.IntegerField()
    call = serializers.IntegerField(source="call_id")
    body = serializers.CharField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    class Meta:
        ref_name = "CallNote"


class NoteIn(serializers.Serializer):
    body = serializers.CharField(allow_blank=True, trim_whitespace=False, help_text="The note's text (plain text).")

    class Meta:
        ref_name = "CallNoteInput"
