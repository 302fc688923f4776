"""The audit log over REST, for auditors in scope: events with the search filters of the
page, and a verification of the whole hash chain."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import SequencePagination
from audit.checkpoints import checkpoints_check
from audit.labels import action_label
from audit.models import AuditEvent
from audit.verification import verify_chain
from councils.selectors import may_audit
from workflow.audit_trail import audit_search


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, read_only=True)
    action_label = serializers.SerializerMethodField()
    # Stored as canonical JSON text for the hash; given as the object it is.
    payload = serializers.DictField(read_only=True)

    class Meta:
        model = AuditEvent
        fields = [
            "sequence",
            "occurred_at",
            "actor",
            "authority",
            "unit",
            "object_type",
            "object_id",
            "action",
            "action_label",
            "from_state",
            "to_state",
            "payload",
            "previous_hash",
            "hash",
        ]

    def get_action_label(self, event: AuditEvent) -> str:
        return action_label(event.action)


class AuditQuerySerializer(serializers.Serializer):
    actor = serializers.CharField(required=False, max_length=150)
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    action = serializers.CharField(required=False, max_length=50)
    object_type = serializers.CharField(required=False, max_length=100)
    authority = serializers.IntegerField(required=False, min_value=1)
    unit = serializers.IntegerField(required=False, min_value=1)


OUTSIDE_SCOPE = _("Chuỗi bị phá vỡ ở một sự kiện ngoài phạm vi của bạn; báo quản trị hệ thống.")


class ChainReportSerializer(serializers.Serializer):
    intact = serializers.BooleanField(help_text=_("Cả chuỗi nhật ký toàn hệ thống còn nguyên vẹn."))
    checked = serializers.IntegerField(help_text=_("Số sự kiện trong phạm vi của bạn."))
    broken_at = serializers.IntegerField(
        allow_null=True, help_text=_("Số thứ tự sự kiện hỏng đầu tiên, nếu thuộc phạm vi của bạn.")
    )
    why = serializers.CharField(allow_null=True)


def _auditor(request: Request) -> None:
    if not may_audit(request.user):
        raise Http404  # as on the pages: the log does not exist for others


class AuditEventList(ListAPIView):
    serializer_class = AuditEventSerializer
    queryset = AuditEvent.objects.none()
    filter_backends: list = []  # the query is read by AuditQuerySerializer
    pagination_class = SequencePagination

    @extend_schema(parameters=[AuditQuerySerializer])
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        _auditor(self.request)
        query = AuditQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return audit_search(self.request.user, **query.validated_data)


class AuditVerify(APIView):
    @extend_schema(responses={200: ChainReportSerializer})
    def get(self, request: Request) -> Response:
        _auditor(request)
        # The chain is one for the whole system and is walked whole; the caller learns whether
        # it holds, how many of *their* events it covers, and where it breaks only when the
        # break is one of their events (another commune's log is not theirs to read).
        report = verify_chain()
        _checkpoints, problems = checkpoints_check()  # re-chained or cut since a signed head
        broken = report.broken
        in_scope = audit_search(request.user)
        body = {"intact": report.intact and not problems, "checked": in_scope.count()}
        if broken is not None:
            shown = in_scope.filter(sequence=broken.sequence).exists()
            why = broken.why if shown else str(OUTSIDE_SCOPE)
            body.update(broken_at=broken.sequence if shown else None, why=why)
        elif problems:
            # Events missing or re-chained concern the whole log: every auditor is told.
            body.update(broken_at=problems[0].sequence, why=problems[0].message)
        else:
            body.update(broken_at=None, why=None)
        return Response(body)
