from django.contrib import admin

from audit.admin_base import AuditedHistoryAdmin
from workflow.models import (
    CalendarException,
    Deadline,
    Notification,
)


@admin.register(CalendarException)
class CalendarExceptionAdmin(AuditedHistoryAdmin):
    list_display = ["day", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    search_fields = ["note"]
    date_hierarchy = "day"


@admin.register(Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    """Opened and met by transitions only; read here, never edited."""

    list_display = ["nomination", "kind", "responsible_role", "authority", "due_on", "met_at"]
    list_filter = ["kind", "responsible_role", "authority"]
    search_fields = ["nomination__person__full_name", "nomination__collective__name"]
    list_select_related = ["nomination__award_type", "authority"]
    date_hierarchy = "due_on"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "message", "created_at", "read_at"]
    list_filter = ["read_at"]
    search_fields = ["user__username", "user__full_name", "message"]
    list_select_related = ["user"]
