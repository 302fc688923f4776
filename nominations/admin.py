from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from audit.admin_base import AuditedHistoryAdmin
from nominations.models import (
    Attachment,
    AwardDecisionRule,
    AwardDocumentRequirement,
    AwardKindRule,
    AwardRecord,
    AwardType,
    BaseSalary,
    BlocScore,
    CertificateField,
    CertificateLayout,
    ChainRule,
    Decision,
    DecisionLine,
    Discipline,
    EmulationBloc,
    GeneratedDocument,
    GoldenBook,
    Household,
    Initiative,
    LegalBasis,
    MeritGround,
    Movement,
    MovementPrize,
    Nomination,
    Period,
    Person,
    PrinterProfile,
    Proceeding,
    Registration,
    Target,
    TargetResult,
)
from nominations.services import award_types_set_in_use


class AwardKindRuleInline(admin.TabularInline):
    model = AwardKindRule
    extra = 0


class AwardDecisionRuleInline(admin.TabularInline):
    model = AwardDecisionRule
    extra = 0


class AwardDocumentRequirementInline(admin.TabularInline):
    model = AwardDocumentRequirement
    extra = 0


@admin.register(AwardType)
class AwardTypeAdmin(AuditedHistoryAdmin):
    list_display = [
        "name",
        "code",
        "category",
        "needs_council_vote",
        "vote_threshold_percent",
        "vote_base",
        "secret_ballot",
        "posting_stage",
        "confidence",
        "is_active",
    ]
    list_filter = ["category", "needs_council_vote", "secret_ballot", "confidence", "is_active"]
    search_fields = ["name", "code", "short_name", "legal_basis"]
    inlines = [AwardKindRuleInline, AwardDecisionRuleInline, AwardDocumentRequirementInline]
    actions = ["withdraw_from_use", "reinstate"]

    @admin.action(description=_("Ngừng áp dụng các danh hiệu, hình thức đã chọn"))
    def withdraw_from_use(self, request, queryset) -> None:
        count = award_types_set_in_use(award_types=list(queryset), in_use=False, actor=request.user)
        self.message_user(request, _("Đã ngừng áp dụng %(n)d mục.") % {"n": count})

    @admin.action(description=_("Áp dụng lại các danh hiệu, hình thức đã chọn"))
    def reinstate(self, request, queryset) -> None:
        count = award_types_set_in_use(award_types=list(queryset), in_use=True, actor=request.user)
        self.message_user(request, _("Đã áp dụng lại %(n)d mục.") % {"n": count})


@admin.register(AwardKindRule)
class AwardKindRuleAdmin(AuditedHistoryAdmin):
    list_display = ["award_type", "nominee_kind", "prize_coefficient", "confidence"]
    list_filter = ["nominee_kind", "confidence"]
    search_fields = ["award_type__name", "note"]
    list_select_related = ["award_type"]


@admin.register(AwardDecisionRule)
class AwardDecisionRuleAdmin(AuditedHistoryAdmin):
    list_display = ["award_type", "level", "valid_from", "valid_to"]
    list_filter = ["level"]
    search_fields = ["award_type__name", "legal_basis"]
    list_select_related = ["award_type"]


@admin.register(AwardDocumentRequirement)
class AwardDocumentRequirementAdmin(AuditedHistoryAdmin):
    list_display = ["award_type", "document", "template_name", "mandatory"]
    list_filter = ["document", "mandatory"]
    search_fields = ["award_type__name", "template_name", "legal_basis"]
    list_select_related = ["award_type"]


@admin.register(BaseSalary)
class BaseSalaryAdmin(AuditedHistoryAdmin):
    list_display = ["valid_from", "amount", "legal_basis"]
    search_fields = ["legal_basis"]


class PeriodInline(admin.TabularInline):
    model = Period
    extra = 0


class MovementPrizeInline(admin.TabularInline):
    model = MovementPrize
    extra = 0


@admin.register(Movement)
class MovementAdmin(AuditedHistoryAdmin):
    list_display = ["name", "authority", "kind", "plan_number", "starts_on", "ends_on"]
    list_filter = ["kind", "authority"]
    search_fields = ["name", "theme", "plan_number", "plan_title"]
    list_select_related = ["authority"]
    autocomplete_fields = ["authority"]
    date_hierarchy = "starts_on"
    inlines = [PeriodInline, MovementPrizeInline]


@admin.register(MovementPrize)
class MovementPrizeAdmin(AuditedHistoryAdmin):
    list_display = ["name", "movement", "for_unit_kind", "count", "amount", "given_by"]
    list_filter = ["for_unit_kind"]
    search_fields = ["name", "movement__name", "given_by"]
    list_select_related = ["movement"]


@admin.register(Period)
class PeriodAdmin(AuditedHistoryAdmin):
    list_display = ["name", "movement", "starts_on", "ends_on"]
    list_filter = ["movement__authority"]
    search_fields = ["name", "movement__name"]
    list_select_related = ["movement"]


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = [
        "position",
        "name",
        "unit_of_measure",
        "target_value",
        "target_text",
    ]


@admin.register(Registration)
class RegistrationAdmin(AuditedHistoryAdmin):
    list_display = ["unit", "movement", "registered_on"]
    list_filter = ["movement__authority", "unit__kind"]
    search_fields = ["unit__name", "movement__name", "pledge"]
    list_select_related = ["unit", "movement"]
    autocomplete_fields = ["unit"]


@admin.register(EmulationBloc)
class EmulationBlocAdmin(AuditedHistoryAdmin):
    list_display = ["name", "authority"]
    list_filter = ["authority__level"]
    search_fields = ["name", "authority__name"]
    filter_horizontal = ["units"]
    list_select_related = ["authority"]


@admin.register(BlocScore)
class BlocScoreAdmin(AuditedHistoryAdmin):
    list_display = ["unit", "bloc", "period", "score", "entered_by"]
    list_filter = ["period__movement"]
    search_fields = ["unit__name", "bloc__name"]
    list_select_related = ["unit", "bloc", "period", "entered_by"]


@admin.register(TargetResult)
class TargetResultAdmin(AuditedHistoryAdmin):
    list_display = ["target", "period", "value", "text", "met", "entered_by", "entered_at"]
    list_filter = ["period__movement"]
    search_fields = ["target__name", "note"]
    list_select_related = ["target", "period", "entered_by"]


@admin.register(Target)
class TargetAdmin(AuditedHistoryAdmin):
    list_display = ["name", "unit_of_measure", "target_value", "target_text", "movement"]
    list_filter = ["movement"]
    search_fields = ["name"]
    list_select_related = ["movement"]


@admin.register(Person)
class PersonAdmin(AuditedHistoryAdmin):
    list_display = ["full_name", "gender", "birth_year", "position", "unit"]
    list_filter = ["gender", "unit__authority", "unit__kind"]
    search_fields = ["full_name", "position", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


@admin.register(Household)
class HouseholdAdmin(AuditedHistoryAdmin):
    list_display = ["head_name", "address", "unit"]
    list_filter = ["unit__authority"]
    search_fields = ["head_name", "address", "unit__name"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


# Evidence enters only through the page or the API, where its type is checked and its SHA-256
# taken; the admin sees it and may delete it, never adds or replaces a file.
_ATTACHMENT_READ_ONLY = ["file", "sha256", "uploaded_by", "uploaded_at"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    readonly_fields = _ATTACHMENT_READ_ONLY

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Attachment)
class AttachmentAdmin(AuditedHistoryAdmin):
    list_display = ["nomination", "document", "file", "uploaded_by", "uploaded_at"]
    list_filter = ["document"]
    search_fields = ["file", "nomination__person__full_name"]
    list_select_related = ["nomination__award_type", "uploaded_by"]
    raw_id_fields = ["nomination"]
    readonly_fields = _ATTACHMENT_READ_ONLY

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Initiative)
class InitiativeAdmin(AuditedHistoryAdmin):
    list_display = ["title", "kind", "recognised_by", "recognised_on"]
    list_filter = ["kind"]
    search_fields = ["title", "recognised_by"]


class DecisionLineInline(admin.TabularInline):
    model = DecisionLine
    extra = 0
    raw_id_fields = ["nomination"]


@admin.register(Decision)
class DecisionAdmin(AuditedHistoryAdmin):
    list_display = ["number", "issued_on", "authority", "signer", "signing_capacity"]
    list_filter = ["signing_capacity", "recorded_from_higher_level", "authority"]
    search_fields = ["number", "authority__name"]
    list_select_related = ["authority", "signer"]
    date_hierarchy = "issued_on"
    inlines = [DecisionLineInline]


@admin.register(DecisionLine)
class DecisionLineAdmin(AuditedHistoryAdmin):
    list_display = ["decision", "golden_book_number", "nomination", "prize_amount"]
    list_filter = ["decision__authority"]
    search_fields = ["decision__number", "nomination__person__full_name"]
    list_select_related = [
        "decision",
        "nomination__award_type",
        "nomination__person",
        "nomination__household",
        "nomination__collective",
    ]
    raw_id_fields = ["nomination"]


@admin.register(GoldenBook)
class GoldenBookAdmin(admin.ModelAdmin):
    """Read only: numbers are taken by approvals; editing one could give a number twice."""

    list_display = ["authority", "year", "last_number"]
    list_filter = ["year"]
    search_fields = ["authority__name"]
    list_select_related = ["authority"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AwardRecord)
class AwardRecordAdmin(AuditedHistoryAdmin):
    """The ledger: written by decisions and the import; a correction here is audited."""

    list_display = ["award_type", "year", "person", "household", "collective", "decision_number"]
    list_filter = ["source", "year", "award_type"]
    search_fields = [
        "person__full_name",
        "household__head_name",
        "collective__name",
        "decision_number",
    ]
    list_select_related = ["award_type", "person", "household", "collective"]
    raw_id_fields = ["person", "household", "collective", "decision_line"]


@admin.register(ChainRule)
class ChainRuleAdmin(AuditedHistoryAdmin):
    list_display = [
        "award_type",
        "consecutive_years",
        "required",
        "nominee_kind",
        "legal_basis",
        "confidence",
    ]
    list_filter = ["award_type", "confidence"]
    search_fields = ["award_type__name", "legal_basis"]


@admin.register(MeritGround)
class MeritGroundAdmin(AuditedHistoryAdmin):
    list_display = ["award_type", "order", "text", "legal_basis", "confidence"]
    list_filter = ["award_type", "confidence"]
    search_fields = ["text", "legal_basis"]


@admin.register(Discipline)
class DisciplineAdmin(AuditedHistoryAdmin):
    list_display = ["person", "level", "decision_number", "decided_on", "in_effect_until"]
    list_filter = ["level"]
    search_fields = ["person__full_name", "decision_number"]
    raw_id_fields = ["person"]


@admin.register(Proceeding)
class ProceedingAdmin(AuditedHistoryAdmin):
    """Opened and concluded through the office's page, which also holds the nominee's open
    dossiers (NĐ 152/2025 Đ4): read here, with its history."""

    list_display = ["__str__", "person", "household", "collective", "opened_on", "closed_on"]
    list_filter = ["kind"]
    search_fields = ["summary", "person__full_name", "household__head_name", "collective__name"]
    raw_id_fields = ["person", "household", "collective"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(LegalBasis)
class LegalBasisAdmin(AuditedHistoryAdmin):
    """Next year's decree or a province's new regulation is a row here, not a code change."""

    list_display = ["citation", "kind", "in_force_from", "in_force_to", "authority", "confidence"]
    list_filter = ["kind", "confidence", "on_decisions", "on_proposals", "award_types"]
    search_fields = ["citation", "source"]
    filter_horizontal = ["award_types"]


@admin.register(Nomination)
class NominationAdmin(AuditedHistoryAdmin):
    list_display = [
        "id",
        "award_type",
        "nominee_kind",
        "proposing_unit",
        "period",
        "state",
        "current_authority",
        "updated_at",
    ]
    list_filter = ["state", "nominee_kind", "award_type", "current_authority"]
    search_fields = [
        "person__full_name",
        "household__head_name",
        "collective__name",
        "proposing_unit__name",
        "achievements",
    ]
    # __str__ names the nominee, so fetch all three kinds with the row.
    list_select_related = [
        "award_type",
        "proposing_unit",
        "period",
        "current_authority",
        "person",
        "household",
        "collective",
    ]
    autocomplete_fields = ["proposing_unit", "person", "household", "collective"]
    date_hierarchy = "created_at"
    # The state moves only through workflow services, never by an admin edit.
    readonly_fields = [
        "state",
        "held_from_state",
        "submitted_at",
        "decided_at",
        "created_at",
        "updated_at",
    ]
    inlines = [AttachmentInline]


@admin.register(GeneratedDocument)
class GeneratedDocumentAdmin(admin.ModelAdmin):
    """Papers the system made: kept, versioned, never edited (regenerate to change one)."""

    list_display = ["kind", "version", "decision", "meeting", "nomination", "template_name",
                    "created_by", "created_at"]  # fmt: skip
    list_filter = ["kind", "template_name"]
    search_fields = ["decision__number", "template_name", "template_sha256"]
    list_select_related = ["decision", "meeting", "nomination__award_type", "created_by"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class CertificateFieldInline(admin.TabularInline):
    model = CertificateField
    extra = 0


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(AuditedHistoryAdmin):
    """Where each piece of a certificate's text goes on the authority's blank (phôi)."""

    list_display = ["name", "authority", "award_type", "page_width_mm", "page_height_mm"]
    list_filter = ["authority"]
    search_fields = ["name", "authority__name"]
    inlines = [CertificateFieldInline]


@admin.register(PrinterProfile)
class PrinterProfileAdmin(AuditedHistoryAdmin):
    list_display = ["name", "authority", "offset_x_mm", "offset_y_mm"]
    list_filter = ["authority"]
    search_fields = ["name", "authority__name"]
