"""JSON shapes of the nominations API. Serializers check the shape of input; the services
decide whether the change is allowed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api.base import InputSerializer
from councils.models import Unit
from councils.roles import units_acted_for
from nominations.models import (
    AwardDocumentRequirement,
    AwardRecord,
    AwardType,
    Decision,
    DecisionLine,
    MeritGround,
    Movement,
    MovementPrize,
    Nomination,
    Period,
    Person,
)
from nominations.models.nomination import TaskRating


class AwardTypeSerializer(serializers.ModelSerializer):
    nominee_kinds = serializers.SerializerMethodField()

    class Meta:
        model = AwardType
        fields = ["code", "name", "category", "needs_council_vote", "is_active", "nominee_kinds"]

    def get_nominee_kinds(self, award_type: AwardType) -> list[str]:
        return [rule.nominee_kind for rule in award_type.kind_rules.all()]


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = Period
        fields = ["id", "name", "kind", "starts_on", "ends_on"]


class MovementPrizeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MovementPrize
        fields = ["position", "name", "for_unit_kind", "count", "amount", "given_by", "condition"]


class MovementSerializer(serializers.ModelSerializer):
    authority = serializers.PrimaryKeyRelatedField(read_only=True)
    periods = PeriodSerializer(many=True, read_only=True)
    prizes = MovementPrizeSerializer(many=True, read_only=True)

    class Meta:
        model = Movement
        fields = ["id", "name", "kind", "authority", "registration_deadline", "periods", "prizes"]


class NomineeOutSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField()
    name = serializers.CharField()


class NominationSerializer(serializers.ModelSerializer):
    award_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    unit = serializers.PrimaryKeyRelatedField(source="proposing_unit", read_only=True)
    unit_name = serializers.CharField(source="proposing_unit.name", read_only=True)
    authority = serializers.PrimaryKeyRelatedField(source="current_authority", read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    nominee = serializers.SerializerMethodField()
    version = serializers.IntegerField(read_only=True)

    class Meta:
        model = Nomination
        fields = [
            "id",
            "state",
            "state_label",
            "award_type",
            "award_type_name",
            "unit",
            "unit_name",
            "period",
            "authority",
            "nominee",
            "achievements",
            "excellence_confirmed",
            "task_rating",
            "months_served",
            "merit_ground",
            "version",
            "created_at",
            "updated_at",
            "submitted_at",
        ]
        read_only_fields = fields

    @extend_schema_field(NomineeOutSerializer)
    def get_nominee(self, nomination: Nomination) -> dict:
        nominee = nomination.nominee
        return {"kind": nomination.nominee_kind, "id": nominee.pk, "name": str(nominee)}


class NominationDetailSerializer(NominationSerializer):
    allowed_actions = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(NominationSerializer.Meta):
        fields = [*NominationSerializer.Meta.fields, "allowed_actions"]
        read_only_fields = fields


class NomineeInSerializer(InputSerializer):
    """Who is proposed: an existing person, household or collective of the unit (`id`), or a
    new person (full_name, gender, …) or household (head_name, address)."""

    kind = serializers.ChoiceField(choices=["individual", "household", "collective"])
    id = serializers.IntegerField(required=False, min_value=1)
    full_name = serializers.CharField(required=False, max_length=150)
    gender = serializers.ChoiceField(choices=Person.Gender.choices, required=False)
    birth_year = serializers.IntegerField(required=False, min_value=1900, max_value=2100)
    position = serializers.CharField(required=False, max_length=200, allow_blank=True)
    head_name = serializers.CharField(required=False, max_length=150)
    address = serializers.CharField(required=False, max_length=300, allow_blank=True)

    def validate(self, data: dict) -> dict:
        kind = data["kind"]
        if kind == "individual" and not (data.get("id") or data.get("full_name")):
            raise serializers.ValidationError(_("Cần id của cá nhân hoặc họ tên cá nhân mới."))
        if kind == "individual" and data.get("full_name") and not data.get("gender"):
            raise serializers.ValidationError({"gender": _("Cần giới tính của cá nhân mới.")})
        if kind == "household" and not (data.get("id") or data.get("head_name")):
            raise serializers.ValidationError(_("Cần id của hộ hoặc họ tên chủ hộ mới."))
        if kind == "collective" and not data.get("id"):
            raise serializers.ValidationError(_("Cần id của tập thể (đơn vị)."))
        return data


class NominationCreateSerializer(InputSerializer):
    award_type = serializers.SlugRelatedField(
        slug_field="code", queryset=AwardType.objects.filter(is_active=True)
    )
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.none(),
        error_messages={"does_not_exist": _("Không có đơn vị {pk_value} trong phạm vi của bạn.")},
    )
    period = serializers.PrimaryKeyRelatedField(
        queryset=Period.objects.none(),
        error_messages={
            "does_not_exist": _("Không có đợt thi đua {pk_value} trong phạm vi của bạn.")
        },
    )
    nominee = NomineeInSerializer()
    achievements = serializers.CharField(max_length=20000)
    excellence_confirmed = serializers.BooleanField(required=False, default=False)
    task_rating = serializers.ChoiceField(
        choices=TaskRating.choices, required=False, default="",
        help_text=_("Mức hoàn thành nhiệm vụ trong năm (cá nhân)."),
    )  # fmt: skip
    months_served = serializers.IntegerField(
        min_value=0, max_value=12, required=False, allow_null=True, default=None,
        help_text=_("Số tháng công tác trong năm (cá nhân)."),
    )  # fmt: skip
    merit_ground = serializers.PrimaryKeyRelatedField(
        queryset=MeritGround.objects.all(), required=False, allow_null=True, default=None,
        help_text=_("Căn cứ đề nghị thay điều kiện nhiều năm liên tục (của danh hiệu này)."),
    )  # fmt: skip

    def __init__(self, *args, actor=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if actor is None:  # the schema generator: no caller, no choices
            return
        # Only the caller's own units and their authorities' periods: another commune's unit
        # or period reads "does not exist", exactly like an id that does not, and nothing
        # about it (its people, its periods) is checked before that.
        units = units_acted_for(actor)
        self.fields["unit"].queryset = Unit.objects.filter(pk__in=units)
        authorities = Unit.objects.filter(pk__in=units).values("authority_id")
        self.fields["period"].queryset = Period.objects.filter(
            movement__authority_id__in=authorities
        )


class NominationPatchSerializer(InputSerializer):
    achievements = serializers.CharField(required=False, max_length=20000)
    excellence_confirmed = serializers.BooleanField(required=False)
    task_rating = serializers.ChoiceField(choices=TaskRating.choices, required=False)
    months_served = serializers.IntegerField(min_value=0, max_value=12, required=False)
    merit_ground = serializers.PrimaryKeyRelatedField(
        queryset=MeritGround.objects.all(), required=False, allow_null=True,
        help_text=_("Căn cứ đề nghị khác; null để bỏ."),
    )  # fmt: skip
    version = serializers.IntegerField(
        required=False, help_text=_("Phiên bản đã đọc; hoặc gửi trong tiêu đề If-Match.")
    )


class ActionInputSerializer(InputSerializer):
    """Every input an action may take; each action reads only its own."""

    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    reason_code = serializers.CharField(required=False, allow_blank=True, max_length=40)
    number = serializers.CharField(required=False, allow_blank=True, max_length=50)
    issued_on = serializers.DateField(required=False, allow_null=True)
    approved = serializers.BooleanField(required=False, allow_null=True, default=None)
    meeting = serializers.IntegerField(required=False, min_value=1)


class HistoryEntrySerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    who = serializers.CharField()
    what = serializers.CharField()
    reason = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    sequence = serializers.IntegerField(allow_null=True)
    changes = serializers.ListField(child=serializers.DictField())


class CommentInSerializer(InputSerializer):
    body = serializers.CharField(max_length=5000)


class CommentOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meeting = serializers.IntegerField(source="item.meeting_id")
    author = serializers.CharField(source="author.get_full_name")
    body = serializers.CharField()
    posted_at = serializers.DateTimeField()


class AttachmentInSerializer(InputSerializer):
    document = serializers.ChoiceField(choices=AwardDocumentRequirement.Document.choices)
    file = serializers.FileField()


class AttachmentOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    document = serializers.CharField()
    uploaded_at = serializers.DateTimeField()


class DecisionLineSerializer(serializers.ModelSerializer):
    nominee = serializers.CharField(source="nomination.nominee", read_only=True)
    award_type = serializers.CharField(source="nomination.award_type.code", read_only=True)

    class Meta:
        model = DecisionLine
        fields = ["nomination", "nominee", "award_type", "golden_book_number", "prize_amount"]


class DecisionSerializer(serializers.ModelSerializer):
    signer = serializers.CharField(source="signer.get_full_name", default=None, read_only=True)
    lines = DecisionLineSerializer(many=True, read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "authority",
            "number",
            "issued_on",
            "signer",
            "signing_capacity",
            "legal_basis",
            "recorded_from_higher_level",
            "lines",
        ]


class DecisionCreateSerializer(InputSerializer):
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1), allow_empty=False, max_length=1000,
        help_text=_("Mã hồ sơ; một mã ghi hai lần được tính một lần."),
    )  # fmt: skip

    def validate_nominations(self, ids: list[int]) -> list[int]:
        return list(dict.fromkeys(ids))  # in the order given, each once

    number = serializers.CharField(max_length=50)
    issued_on = serializers.DateField()


class AwardRecordSerializer(serializers.ModelSerializer):
    """One award in a person's ledger; a revoked one stays, with `revoked_on`."""

    award_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    award_name = serializers.CharField(source="award_type.name", read_only=True)
    revoked = serializers.BooleanField(source="is_revoked", read_only=True)

    class Meta:
        model = AwardRecord
        fields = [
            "id",
            "year",
            "award_type",
            "award_name",
            "decision_number",
            "decision_date",
            "issuing_authority_name",
            "source",
            "prize_amount",
            "revoked",
            "revoked_on",
            "revocation_note",
        ]


class PersonLedgerSerializer(serializers.ModelSerializer):
    # The view sets `ledger`, read with its award types in one query.
    awards = AwardRecordSerializer(source="ledger", many=True, read_only=True)

    class Meta:
        model = Person
        fields = ["id", "full_name", "birth_year", "unit", "awards"]
