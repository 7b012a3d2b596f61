"""The expert's private notes on a call (SPEC §8): only the call's expert ever gets an
answer; the client, other experts and everyone else get 404 (they never learn a note
exists), and anonymous callers 401."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from calls.api.serializers import NoteIn, NoteOut
from calls.selectors import call_of_expert, note_get, notes_list
from calls.services_notes import note_create, note_delete, note_update
from procusmeet.api.pagination import PagePagination
from procusmeet.api.schema import error_responses


def _body(request) -> str:
    serializer = NoteIn(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data["body"]


class CallNoteListApi(APIView):
    pagination_class = PagePagination  # so the schema shows the paginated envelope

    @extend_schema(
        operation_id="calls_notes_list",
        parameters=[OpenApiParameter("page", int)],
        responses={200: NoteOut(many=True), **error_responses(401, 404)},
        description="The expert's notes on the call, oldest first.",
    )
    def get(self, request, call_id: int):
        call = call_of_expert(user=request.user, call_id=call_id)
        paginator = PagePagination()
        page = paginator.paginate_queryset(notes_list(call=call), request, view=self)
        return paginator.get_paginated_response(NoteOut(page, many=True).data)

    @extend_schema(
        operation_id="calls_notes_create",
        request=NoteIn,
        responses={201: NoteOut, **error_responses(400, 401, 404, 409)},
        description="Once the call has started (409 `notes_not_open` before).",
    )
    def post(self, request, call_id: int):
        call = call_of_expert(user=request.user, call_id=call_id)
        note = note_create(call=call, actor=request.user, body=_body(request))
        return Response(NoteOut(note).data, status=status.HTTP_201_CREATED)


class CallNoteDetailApi(APIView):
    def _note(self, request, call_id: int, note_id: int):
        return note_get(call=call_of_expert(user=request.user, call_id=call_id), note_id=note_id)

    @extend_schema(operation_id="calls_notes_retrieve", responses={200: NoteOut, **error_responses(401, 404)})
    def get(self, request, call_id: int, note_id: int):
        return Response(NoteOut(self._note(request, call_id, note_id)).data)

    @extend_schema(
        operation_id="calls_notes_update", request=NoteIn, responses={200: NoteOut, **error_responses(400, 401, 404)}
    )
    def patch(self, request, call_id: int, note_id: int):
        note = note_update(note=self._note(request, call_id, note_id), actor=request.user, body=_body(request))
        return Response(NoteOut(note).data)

    @extend_schema(operation_id="calls_notes_destroy", responses={204: None, **error_responses(401, 404)})
    def delete(self, request, call_id: int, note_id: int):
        note_delete(note=self._note(request, call_id, note_id), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
