"""Councils over REST: the authorities and units the caller works in, and meetings."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import InputSerializer
from core.errors import InvalidInput, NotPermitted
from councils import services as council_services
from councils.models import (
    AgendaItem,
    Authority,
    Ballot,
    Council,
    CouncilMember,
    Meeting,
    Succession,
    Unit,
)
from councils.roles import standing_office_authorities
from councils.selectors import (
    authorities_read_by_auditors,
    authorities_worked_in,
    may_view_meeting,
)
from workflow import meetings
from workflow.selectors import nomination_get_for_user


def authorities_of(user) -> set[int] | None:
    """The authorities a caller works in, those below them and those they succeeded; None
    means all."""
    if user.is_superuser:
        return None
    return authorities_read_by_auditors(authorities_worked_in(user))


class SuccessionLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Mã cơ quan, địa phương ở đầu kia."))
    name = serializers.CharField()
    official_code = serializers.CharField()
    on = serializers.DateField(help_text=_("Ngày kế thừa."))
    kind = serializers.CharField(help_text=_("merge, split, rename, transfer"))


def _link(succession: Succession, other: Authority) -> dict:
    return {
        "id": other.pk,
        "name": other.full_name,
        "official_code": other.official_code,
        "on": succession.on,
        "kind": succession.kind,
    }


class AuthoritySerializer(serializers.ModelSerializer):
    predecessors = serializers.SerializerMethodField()
    successors = serializers.SerializerMethodField()

    class Meta:
        model = Authority
        fields = [
            "id", "code", "official_code", "name", "admin_type", "level", "parent",
            "runs_system", "valid_from", "valid_to", "predecessors", "successors",
        ]  # fmt: skip

    @extend_schema_field(SuccessionLinkSerializer(many=True))
    def get_predecessors(self, authority: Authority) -> list[dict]:
        return [_link(s, s.predecessor) for s in authority.successions_received.all()]

    @extend_schema_field(SuccessionLinkSerializer(many=True))
    def get_successors(self, authority: Authority) -> list[dict]:
        return [_link(s, s.successor) for s in authority.successions.all()]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "name", "kind", "authority", "head_title"]


class AuthorityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuthoritySerializer
    queryset = Authority.objects.none()

    def get_queryset(self):
        scope = authorities_of(self.request.user)
        found = Authority.objects.order_by("level", "name").prefetch_related(
            Prefetch("successions", Succession.objects.select_related("successor")),
            Prefetch("successions_received", Succession.objects.select_related("predecessor")),
        )
        return found if scope is None else found.filter(pk__in=scope)


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    queryset = Unit.objects.none()
    filterset_fields = ["authority", "kind"]

    def get_queryset(self):
        scope = authorities_of(self.request.user)
        found = Unit.objects.order_by("authority", "name")
        return found if scope is None else found.filter(authority__in=scope)


# --- meetings ----------------------------------------------------------------------------------


class AgendaItemSerializer(serializers.ModelSerializer):
    nomination = serializers.PrimaryKeyRelatedField(read_only=True)
    passed = serializers.SerializerMethodField()
    threshold = serializers.IntegerField(source="threshold_percent", read_only=True)
    yes = serializers.IntegerField(source="yes_count", read_only=True)
    no = serializers.IntegerField(source="no_count", read_only=True)
    abstain = serializers.IntegerField(source="abstain_count", read_only=True)
    ballots_cast = serializers.IntegerField(source="voted", read_only=True, default=None)

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "nomination",
            "position",
            "secret",
            "deferred_at",
            "ballots_cast",
            "result",
            "yes",
            "no",
            "abstain",
            "base",
            "threshold",
            "passed",
            "tie_note",
        ]

    def get_passed(self, item: AgendaItem) -> bool | None:
        if item.result in ("", None, AgendaItem.Result.NOT_VOTED):
            return None
        return item.result == AgendaItem.Result.PASSED


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.get_full_name")


class MeetingSerializer(serializers.ModelSerializer):
    authority = serializers.IntegerField(source="council.authority_id", read_only=True)
    # Set by _meeting_body from two bounded queries.
    items = AgendaItemSerializer(source="agenda", many=True, read_only=True)
    roster = MemberSerializer(source="members", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "council",
            "authority",
            "held_on",
            "place",
            "state",
            "reviews_awards",
            "chair",
            "secretary",
            "opened_at",
            "closed_at",
            "items",
            "roster",
        ]


class MeetingPlanSerializer(InputSerializer):
    authority = serializers.IntegerField(min_value=1)
    held_on = serializers.DateField()
    place = serializers.CharField(max_length=200)
    reviews_awards = serializers.BooleanField(default=True)
    agenda = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=True, default=list, max_length=500
    )

    def validate_agenda(self, ids: list[int]) -> list[int]:
        return list(dict.fromkeys(ids))  # a dossier is on an agenda once


class MeetingOpenSerializer(InputSerializer):
    present = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        help_text=_("Mã thành viên Hội đồng (roster[].id) có mặt."),
        max_length=500,
    )

    def validate_present(self, ids: list[int]) -> list[int]:
        return list(dict.fromkeys(ids))

    chair = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text=_(
            "Người chủ trì (roster[].user), một thành viên có mặt; mặc định Chủ tịch Hội đồng."
        ),
    )
    secretary = serializers.IntegerField(
        min_value=1,
        required=False,
        help_text=_("Thư ký (roster[].user) có mặt, hoặc người khai mạc; mặc định người khai mạc."),
    )


class VoteSerializer(InputSerializer):
    nomination = serializers.IntegerField(min_value=1)
    choice = serializers.ChoiceField(choices=Ballot.Choice.choices)


class BallotsSerializer(InputSerializer):
    votes = VoteSerializer(many=True, allow_empty=False, max_length=500)

    def validate_votes(self, votes: list[dict]) -> list[dict]:
        seen = [vote["nomination"] for vote in votes]
        twice = sorted({pk for pk in seen if seen.count(pk) > 1})
        if twice:
            raise serializers.ValidationError(
                _("Mỗi hồ sơ một phiếu; hồ sơ có hai phiếu: %(ids)s.")
                % {"ids": ", ".join(map(str, twice))}
            )
        return votes


def _meeting_for(user, pk) -> Meeting:
    """A meeting the caller may see, or 404 as on the pages."""
    meeting = Meeting.objects.select_related("council__authority").filter(pk=pk).first()
    if meeting is None or not may_view_meeting(user, meeting):
        raise Http404
    return meeting


def _meeting_body(meeting: Meeting) -> dict:
    # Who has voted is a count per item, never a name.
    meeting.agenda = list(meeting.items.annotate(voted=Count("ballots")).order_by("position"))
    meeting.members = list(
        CouncilMember.objects.serving_on(meeting.held_on)
        .filter(council_id=meeting.council_id)
        .select_related("user")
    )
    return MeetingSerializer(meeting).data


def _agenda_items(meeting: Meeting, nomination_ids: list[int]) -> list[AgendaItem]:
    items = {i.nomination_id: i for i in meeting.items.filter(nomination_id__in=nomination_ids)}
    missing = [pk for pk in nomination_ids if pk not in items]
    if missing:
        raise InvalidInput(
            _("Hồ sơ không có trong chương trình phiên họp: %(ids)s.")
            % {"ids": ", ".join(map(str, missing))}
        )
    return [items[pk] for pk in nomination_ids]


class MeetingViewSet(viewsets.GenericViewSet):
    """Council meetings: plan with an agenda, open with the members present, vote, close."""

    queryset = Meeting.objects.none()
    serializer_class = MeetingSerializer

    @extend_schema(responses={200: MeetingSerializer})
    def retrieve(self, request: Request, pk=None) -> Response:
        return Response(_meeting_body(_meeting_for(request.user, pk)))

    @extend_schema(request=MeetingPlanSerializer, responses={201: MeetingSerializer})
    def create(self, request: Request) -> Response:
        given = MeetingPlanSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        offices = standing_office_authorities(request.user)
        if not offices:
            raise NotPermitted(_("Chỉ thường trực Hội đồng lập kế hoạch phiên họp."))
        # An authority outside the caller's office reads as one that does not exist.
        if data["authority"] not in offices:
            raise serializers.ValidationError(
                {"authority": [_("Không có cơ quan này trong phạm vi của bạn.")]}
            )
        council = Council.objects.filter(authority_id=data["authority"]).first()
        if council is None:
            raise InvalidInput(_("Cơ quan này chưa có Hội đồng Thi đua - Khen thưởng."))
        with transaction.atomic():  # the meeting and its whole agenda, or nothing
            meeting = council_services.meeting_plan(
                council=council,
                actor=request.user,
                held_on=data["held_on"],
                place=data["place"],
                reviews_awards=data["reviews_awards"],
            )
            for nomination_id in data["agenda"]:
                nomination = nomination_get_for_user(request.user, nomination_id)
                meetings.meeting_add_item(
                    meeting=meeting, nomination=nomination, actor=request.user
                )
        return Response(_meeting_body(meeting), status=status.HTTP_201_CREATED)

    @extend_schema(request=MeetingOpenSerializer, responses={200: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def open(self, request: Request, pk=None) -> Response:
        meeting = _meeting_for(request.user, pk)
        given = MeetingOpenSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        council_services.meeting_open(
            meeting=meeting,
            actor=request.user,
            present_member_ids=given.validated_data["present"],
            chair_id=given.validated_data.get("chair"),
            secretary_id=given.validated_data.get("secretary"),
        )
        return Response(_meeting_body(_meeting_for(request.user, pk)))

    @extend_schema(request=BallotsSerializer, responses={200: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def ballots(self, request: Request, pk=None) -> Response:
        """The caller's ballots on several items at once: all are cast, or none."""
        meeting = _meeting_for(request.user, pk)
        given = BallotsSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        votes = given.validated_data["votes"]
        items = _agenda_items(meeting, [vote["nomination"] for vote in votes])
        with transaction.atomic():
            for item, vote in zip(items, votes, strict=True):
                council_services.ballot_cast(item=item, actor=request.user, choice=vote["choice"])
        return Response(_meeting_body(_meeting_for(request.user, pk)))

    @extend_schema(request=None, responses={200: MeetingSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk=None) -> Response:
        """Count every item over its base; each item answers yes, no, abstain, base,
        threshold and passed."""
        meetings.meeting_close(meeting=_meeting_for(request.user, pk), actor=request.user)
        return Response(_meeting_body(_meeting_for(request.user, pk)))
