from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from audit.admin_base import AuditedHistoryAdmin
from councils.models import (
    AgendaItem,
    Attendance,
    Authority,
    Ballot,
    Comment,
    Council,
    CouncilMember,
    Delegation,
    Meeting,
    Membership,
    Succession,
    Unit,
    UnitManagement,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["authority", "unit"]


class CouncilMemberInline(admin.TabularInline):
    model = CouncilMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Authority)
class AuthorityAdmin(AuditedHistoryAdmin):
    list_display = ["full_name", "official_code", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "runs_system"]
    search_fields = ["name", "code", "official_code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(Succession)
class SuccessionAdmin(AuditedHistoryAdmin):
    list_display = ["predecessor", "successor", "on", "kind", "takes_over", "applied_at"]
    list_filter = ["kind", "on"]
    search_fields = ["predecessor__name", "successor__name", "legal_basis"]
    list_select_related = ["predecessor", "successor"]
    autocomplete_fields = ["predecessor", "successor"]
    readonly_fields = ["applied_at"]
    actions = ["apply_now"]

    @admin.action(description=_("Chuyển giao hồ sơ, đơn vị, vai trò cho đơn vị kế thừa"))
    def apply_now(self, request, queryset) -> None:
        from core.errors import ApplicationError
        from workflow.services import succession_apply

        for succession in queryset.order_by("on", "pk"):
            try:
                done = succession_apply(succession=succession, actor=request.user)
            except ApplicationError as refusal:
                self.message_user(request, f"{succession}: {refusal.message}", messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("%(succession)s: đã chuyển %(count)d hồ sơ, %(units)d đơn vị.")
                    % {"succession": succession, "count": done.nominations, "units": done.units},
                )


class UnitManagementInline(admin.TabularInline):
    model = UnitManagement
    extra = 0


@admin.register(Unit)
class UnitAdmin(AuditedHistoryAdmin):
    inlines = [UnitManagementInline]
    list_display = ["name", "kind", "authority", "head", "head_title", "is_active"]
    list_filter = ["kind", "is_active", "authority"]
    search_fields = ["name", "head__full_name", "authority__name"]
    list_select_related = ["authority", "head"]
    autocomplete_fields = ["authority", "head"]


@admin.register(UnitManagement)
class UnitManagementAdmin(AuditedHistoryAdmin):
    list_display = ["unit", "level", "valid_from", "valid_to", "legal_basis"]
    list_filter = ["level", "unit__authority"]
    search_fields = ["unit__name", "legal_basis"]
    list_select_related = ["unit"]
    autocomplete_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(AuditedHistoryAdmin):
    list_display = ["user", "role", "authority", "unit", "valid_from", "valid_to"]
    list_filter = ["role", "authority"]
    search_fields = ["user__username", "user__full_name", "authority__name", "unit__name"]
    list_select_related = ["user", "authority", "unit"]
    autocomplete_fields = ["user", "authority", "unit"]
    date_hierarchy = "valid_from"


@admin.register(Council)
class CouncilAdmin(AuditedHistoryAdmin):
    list_display = ["name", "authority", "established_on", "established_by"]
    list_filter = ["authority__level"]
    search_fields = ["name", "authority__name", "established_by"]
    list_select_related = ["authority"]
    autocomplete_fields = ["authority"]
    inlines = [CouncilMemberInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(AuditedHistoryAdmin):
    list_display = ["user", "position", "title", "council", "served_from", "served_to"]
    list_filter = ["position", "council"]
    search_fields = ["user__full_name", "user__username", "title", "council__name"]
    list_select_related = ["user", "council"]
    autocomplete_fields = ["council", "user"]


@admin.register(Delegation)
class DelegationAdmin(AuditedHistoryAdmin):
    list_display = ["authority", "chairman", "delegate", "valid_from", "valid_to", "revoked_at"]
    list_filter = ["authority"]
    search_fields = ["chairman__full_name", "delegate__full_name", "reason"]
    list_select_related = ["authority", "chairman", "delegate"]
    autocomplete_fields = ["authority", "chairman", "delegate"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "nomination", "secret", "deferred_at", "result", "yes_count", "base"]
    readonly_fields = fields
    can_delete = False


@admin.register(Meeting)
class MeetingAdmin(AuditedHistoryAdmin):
    """Meetings change through their services (plan, open, close); the admin only reads."""

    list_display = ["council", "held_on", "place", "state"]
    list_filter = ["state", "council__authority"]
    search_fields = ["council__name", "place"]
    list_select_related = ["council"]
    date_hierarchy = "held_on"
    inlines = [AgendaItemInline]
    readonly_fields = ["state", "opened_at", "closed_at", "minutes"]


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedHistoryAdmin):
    list_display = ["meeting", "position", "nomination", "secret", "result"]
    list_filter = ["result", "secret"]
    search_fields = ["nomination__person__full_name", "meeting__council__name"]
    list_select_related = [
        "meeting__council",
        "nomination__award_type",
        "nomination__person",
        "nomination__household",
        "nomination__collective",
    ]
    raw_id_fields = ["meeting", "nomination"]


@admin.register(Attendance)
class AttendanceAdmin(AuditedHistoryAdmin):
    list_display = ["meeting", "member", "present"]
    list_filter = ["present"]
    search_fields = ["member__user__full_name"]
    list_select_related = ["meeting__council", "member__user"]


@admin.register(Comment)
class CommentAdmin(AuditedHistoryAdmin):
    list_display = ["item", "author", "posted_at"]
    list_filter = ["item__meeting__council"]
    search_fields = ["body", "author__full_name"]
    list_select_related = [
        "item__nomination__award_type",
        "item__nomination__person",
        "item__nomination__household",
        "item__nomination__collective",
        "author",
    ]
    raw_id_fields = ["item", "corrects"]

    # Posted through comment_post only; a correction is a new comment.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Ballot)
class BallotAdmin(AuditedHistoryAdmin):
    """Who voted. For a secret item the choice is not stored here (see SecretTally)."""

    list_display = ["item", "member", "choice", "written_opinion"]
    list_filter = ["written_opinion", "item__secret"]
    search_fields = ["member__user__full_name"]
    list_select_related = [
        "item__nomination__award_type",
        "item__nomination__person",
        "item__nomination__household",
        "item__nomination__collective",
        "member__user",
    ]

    # Cast through ballot_cast / ballot_record_written_opinion only.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
