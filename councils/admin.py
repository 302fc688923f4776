from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from councils.models import Authority, Council, CouncilMember, Delegation, Membership, Unit


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
class AuthorityAdmin(SimpleHistoryAdmin):
    list_display = ["full_name", "level", "parent", "runs_system", "dissolved_on"]
    list_filter = ["level", "runs_system"]
    search_fields = ["name", "code"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "authority", "head", "head_title", "is_active"]
    list_filter = ["kind", "is_active", "authority"]
    search_fields = ["name", "head__full_name", "authority__name"]
    list_select_related = ["authority", "head"]
    autocomplete_fields = ["authority", "head"]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "authority", "unit", "valid_from", "valid_to"]
    list_filter = ["role", "authority"]
    search_fields = ["user__username", "user__full_name", "authority__name", "unit__name"]
    list_select_related = ["user", "authority", "unit"]
    autocomplete_fields = ["user", "authority", "unit"]
    date_hierarchy = "valid_from"


@admin.register(Council)
class CouncilAdmin(SimpleHistoryAdmin):
    list_display = ["name", "authority", "established_on", "established_by"]
    list_filter = ["authority__level"]
    search_fields = ["name", "authority__name", "established_by"]
    list_select_related = ["authority"]
    autocomplete_fields = ["authority"]
    inlines = [CouncilMemberInline]


@admin.register(CouncilMember)
class CouncilMemberAdmin(SimpleHistoryAdmin):
    list_display = ["user", "position", "title", "council", "served_from", "served_to"]
    list_filter = ["position", "council"]
    search_fields = ["user__full_name", "user__username", "title", "council__name"]
    list_select_related = ["user", "council"]
    autocomplete_fields = ["council", "user"]


@admin.register(Delegation)
class DelegationAdmin(SimpleHistoryAdmin):
    list_display = ["authority", "chairman", "delegate", "valid_from", "valid_to", "revoked_at"]
    list_filter = ["authority"]
    search_fields = ["chairman__full_name", "delegate__full_name", "reason"]
    list_select_related = ["authority", "chairman", "delegate"]
    autocomplete_fields = ["authority", "chairman", "delegate"]
