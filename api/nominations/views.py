"""Nominations over REST: the same selectors, services and permission predicates as the pages.
A nomination the caller may not see is 404; one they see but may not act on is 403."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from api.base import ErrorSerializer, NominationPagination
from api.councils import authorities_of
from api.idempotency import idempotent
from api.nominations.serializers import (
    ActionInputSerializer,
    AttachmentInSerializer,
    AttachmentOutSerializer,
    AwardTypeSerializer,
    CommentInSerializer,
    CommentOutSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    HistoryEntrySerializer,
    MovementSerializer,
    NominationCreateSerializer,
    NominationDetailSerializer,
    NominationPatchSerializer,
    NominationSerializer,
    PersonLedgerSerializer,
)
from core.errors import InvalidInput, WrongState
from councils import services as council_services
from councils.models import AgendaItem, Meeting, Unit
from nominations.ledger import ledger_for, person_get_for_user
from nominations.models import (
    AwardType,
    Decision,
    DecisionLine,
    Household,
    Movement,
    Nomination,
    Person,
)
from nominations.selectors import LIST_RELATED
from nominations.services import (
    UNCHANGED,
    attachment_add,
    nomination_create,
    nomination_update,
)
from workflow.actions import ACTIONS
from workflow.audit_trail import nomination_timeline
from workflow.selectors import (
    allowed_actions,
    nomination_get_for_user,
    nominations_visible_to,
)
from workflow.services import nominations_approve

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Dữ liệu không hợp lệ"),
    401: OpenApiResponse(ErrorSerializer, description="Chưa đăng nhập"),
    403: OpenApiResponse(ErrorSerializer, description="Không có quyền"),
    404: OpenApiResponse(ErrorSerializer, description="Không tìm thấy"),
    409: OpenApiResponse(ErrorSerializer, description="Sai trạng thái hoặc phiên bản cũ"),
}


def _errors(*codes: int) -> dict:
    return {code: ERRORS[code] for code in codes}


class AwardTypeViewSet(viewsets.ReadOnlyModelViewSet):
    """The award catalogue (titles and forms), the same for every caller."""

    serializer_class = AwardTypeSerializer
    queryset = AwardType.objects.prefetch_related("kind_rules").order_by("sort_order", "name")
    lookup_field = "code"


class MovementViewSet(viewsets.ReadOnlyModelViewSet):
    """Emulation movements of the authorities the caller works in, and those below them."""

    serializer_class = MovementSerializer
    queryset = Movement.objects.none()

    def get_queryset(self):
        scope = authorities_of(self.request.user)
        movements = Movement.objects.prefetch_related("periods", "prizes").order_by("-id")
        return movements if scope is None else movements.filter(authority__in=scope)


class IdFilter(django_filters.NumberFilter):
    """An id: a whole number that fits a 64-bit key (1.5 or 2**70 is a 400, not a match)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, min_value=1, max_value=2**63 - 1, **kwargs)


class NominationFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(choices=Nomination.State.choices)
    unit = IdFilter(field_name="proposing_unit")
    award_type = django_filters.CharFilter(field_name="award_type__code")
    period = IdFilter(field_name="period")
    authority = IdFilter(field_name="current_authority")

    class Meta:
        model = Nomination
        fields = ["state", "unit", "award_type", "period", "authority"]


def _version_expected(request: Request, data: dict) -> int:
    """The version the caller read: If-Match (an ETag) or `version` in the body."""
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    raw = header or data.get("version")
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise InvalidInput(
            _("Cần gửi phiên bản đã đọc (trường version hoặc tiêu đề If-Match).")
        ) from None


def _with_etag(response: Response, nomination: Nomination) -> Response:
    response["ETag"] = f'"{nomination.version}"'
    return response


def _nominee(unit: Unit, nominee: dict) -> dict:
    """The service's nominee arguments; an existing nominee must belong to the unit."""
    kind, pk = nominee["kind"], nominee.get("id")
    if kind == "individual":
        if pk:
            person = Person.objects.filter(unit=unit, pk=pk).first()
            if person is None:
                raise InvalidInput(_("Cá nhân không thuộc đơn vị đề nghị."))
            return {"person": person}
        fields = ("full_name", "gender", "birth_year", "position")
        return {"new_person": {f: nominee[f] for f in fields if f in nominee}}
    if kind == "household":
        if pk:
            household = Household.objects.filter(unit=unit, pk=pk).first()
            if household is None:
                raise InvalidInput(_("Hộ gia đình không thuộc đơn vị đề nghị."))
            return {"household": household}
        return {"new_household": {"head_name": nominee["head_name"], **_given(nominee, "address")}}
    if pk != unit.pk:
        raise InvalidInput(_("Tập thể được đề nghị phải là chính đơn vị đề nghị."))
    return {"collective": unit}


def _given(data: dict, *names: str) -> dict:
    return {name: data[name] for name in names if name in data}


class NominationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Nominations the caller may see (design.md §4 "who sees what")."""

    queryset = Nomination.objects.none()
    serializer_class = NominationSerializer
    filterset_class = NominationFilter
    pagination_class = NominationPagination

    def get_queryset(self):
        return (
            nominations_visible_to(self.request.user)
            .select_related(*LIST_RELATED)
            .order_by("-updated_at", "-id")
        )

    def _detail(self, nomination: Nomination, code: int = status.HTTP_200_OK) -> Response:
        nomination.allowed_actions = allowed_actions(self.request.user, nomination)
        body = NominationDetailSerializer(nomination, context={"request": self.request}).data
        return _with_etag(Response(body, status=code), nomination)

    def _get(self, pk) -> Nomination:
        return nomination_get_for_user(self.request.user, int(pk))

    @extend_schema(responses={200: NominationDetailSerializer, **_errors(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        return self._detail(self._get(pk))

    @extend_schema(
        request=NominationCreateSerializer,
        responses={201: NominationDetailSerializer, **_errors(400, 401, 403)},
    )
    def create(self, request: Request) -> Response:
        given = NominationCreateSerializer(data=request.data, actor=request.user)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        nomination = nomination_create(
            actor=request.user,
            unit=data["unit"],
            award_type=data["award_type"],
            period=data["period"],
            achievements=data["achievements"],
            excellence_confirmed=data["excellence_confirmed"],
            task_rating=data["task_rating"],
            months_served=data["months_served"],
            merit_ground=data["merit_ground"],
            **_nominee(data["unit"], data["nominee"]),
        )
        return self._detail(self._get(nomination.pk), status.HTTP_201_CREATED)

    @extend_schema(
        request=NominationPatchSerializer,
        parameters=[OpenApiParameter("If-Match", str, OpenApiParameter.HEADER, required=False)],
        responses={200: NominationDetailSerializer, **_errors(400, 401, 403, 404, 409)},
    )
    def partial_update(self, request: Request, pk=None) -> Response:
        nomination = self._get(pk)
        given = NominationPatchSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        nomination_update(
            nomination=nomination,
            actor=request.user,
            achievements=data.get("achievements", nomination.achievements),
            excellence_confirmed=data.get("excellence_confirmed", nomination.excellence_confirmed),
            expected_version=_version_expected(request, request.data),
            task_rating=data.get("task_rating"),
            months_served=data.get("months_served"),
            merit_ground=data.get("merit_ground", UNCHANGED),
        )
        return self._detail(self._get(pk))

    @extend_schema(
        request=ActionInputSerializer,
        parameters=[
            OpenApiParameter("action_name", str, OpenApiParameter.PATH, enum=sorted(ACTIONS)),
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False),
        ],
        responses={200: NominationDetailSerializer, **_errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path=r"actions/(?P<action_name>[a-z_]+)")
    def act(self, request: Request, pk=None, action_name: str = "") -> Response:
        """Take one lifecycle action (design.md §4 names); a retried request with the same
        Idempotency-Key returns the first answer."""
        if action_name not in ACTIONS:
            raise InvalidInput(_("Thao tác không tồn tại: %(name)s.") % {"name": action_name})
        nomination = self._get(pk)
        given = ActionInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)

        def perform() -> Response:
            _perform_action(request.user, nomination, action_name, given.validated_data)
            return self._detail(self._get(pk))

        return idempotent(request, perform)

    @extend_schema(
        request=CommentInSerializer,
        responses={201: CommentOutSerializer, **_errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def comments(self, request: Request, pk=None) -> Response:
        """A council member's comment on the nomination, on the agenda it is on."""
        nomination = self._get(pk)
        given = CommentInSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        item = (
            AgendaItem.objects.filter(
                nomination=nomination,
                deferred_at__isnull=True,
                meeting__state__in=(Meeting.State.PLANNED, Meeting.State.OPEN),
            )
            .order_by("-id")
            .first()
        )
        if item is None:
            raise WrongState(_("Hồ sơ không có trong chương trình họp nào."))
        comment = council_services.comment_post(
            item=item, actor=request.user, body=given.validated_data["body"]
        )
        return Response(CommentOutSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={"multipart/form-data": AttachmentInSerializer},
        responses={201: AttachmentOutSerializer, **_errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser])
    def attachments(self, request: Request, pk=None) -> Response:
        """Evidence, with the same size and content checks as the page."""
        nomination = self._get(pk)
        given = AttachmentInSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        attachment = attachment_add(
            nomination=nomination,
            actor=request.user,
            document=given.validated_data["document"],
            upload=given.validated_data["file"],
        )
        return Response(AttachmentOutSerializer(attachment).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: HistoryEntrySerializer(many=True), **_errors(401, 404)})
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request: Request, pk=None) -> Response:
        """The nomination's whole timeline, oldest first, as a list (one dossier's history is
        short): for anyone who sees the nomination, as on its page; 404 for anyone else."""
        _nomination, entries = nomination_timeline(user=request.user, nomination_id=int(pk))
        rows = [
            {**entry.__dict__, "changes": [change.__dict__ for change in entry.changes]}
            for entry in entries
        ]
        return Response(HistoryEntrySerializer(rows, many=True).data)


class DecisionViewSet(viewsets.GenericViewSet):
    """Decisions: the chairman approves nominations together into one; anyone who sees one of
    its nominations reads it."""

    queryset = Decision.objects.none()
    serializer_class = DecisionSerializer

    @extend_schema(responses={200: DecisionSerializer, **_errors(401, 404)})
    def retrieve(self, request: Request, pk=None) -> Response:
        visible = nominations_visible_to(request.user)
        decision = get_object_or_404(
            Decision.objects.filter(lines__nomination__in=visible).distinct(), pk=pk
        )
        return Response(self._body(decision))

    @extend_schema(
        request=DecisionCreateSerializer,
        responses={201: DecisionSerializer, **_errors(400, 401, 403, 404, 409)},
    )
    def create(self, request: Request) -> Response:
        given = DecisionCreateSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        chosen = _visible_nominations(request.user, data["nominations"])
        decision = nominations_approve(
            nominations=chosen,
            actor=request.user,
            number=data["number"],
            issued_on=data["issued_on"],
        )
        return Response(self._body(decision), status=status.HTTP_201_CREATED)

    @staticmethod
    def _body(decision: Decision) -> dict:
        decision = (
            Decision.objects.select_related("signer")
            .prefetch_related(
                Prefetch(
                    "lines",
                    queryset=DecisionLine.objects.select_related(
                        "nomination__award_type",
                        "nomination__person",
                        "nomination__household",
                        "nomination__collective",
                    ).order_by("golden_book_number"),
                )
            )
            .get(pk=decision.pk)
        )
        return DecisionSerializer(decision).data


def _visible_nominations(user, ids: list[int]) -> list[Nomination]:
    """The nominations, in one query; 404 if any is unseen, as for one that does not exist."""
    found = {n.pk: n for n in nominations_visible_to(user).filter(pk__in=ids)}
    if len(found) != len(ids):
        raise Http404("Không tìm thấy hồ sơ.")
    return [found[pk] for pk in ids]


def _perform_action(user, nomination: Nomination, name: str, data: dict) -> None:
    """The service of a lifecycle action, with the inputs its row of the table names."""
    action = ACTIONS[name]
    if action.service is None:  # council_result: only the close of a meeting decides it
        raise WrongState(_("Kết quả biểu quyết chỉ được ghi khi kết thúc phiên họp."))
    action.perform(nomination=nomination, actor=user, values=data)


class PersonLedgerView(APIView):
    """A person's award ledger (sổ theo dõi khen thưởng), as on their page; 404 for a person
    the caller may not read."""

    @extend_schema(responses={200: PersonLedgerSerializer, **_errors(401, 404)})
    def get(self, request: Request, pk: int) -> Response:
        person = person_get_for_user(request.user, pk)
        person.ledger = list(ledger_for("person", person.pk))
        return Response(PersonLedgerSerializer(person).data)
