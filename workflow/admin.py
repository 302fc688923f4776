from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.admin_base import AuditedHistoryAdmin
from workflow.models import (
    CalendarException,
    Deadline,
    Notification,
    OutboxMessage,
)
from workflow.outbox import outbox_retry


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


class OutboxStatusFilter(admin.SimpleListFilter):
    title = _("tình trạng")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Đang chờ gửi")),
            ("stuck", _("Đã thử quá số lần, cần xử lý")),
            ("delivered", _("Đã gửi")),
        ]

    def queryset(self, request, queryset):
        waiting = queryset.filter(delivered_at__isnull=True)
        limit = settings.OUTBOX_MAX_ATTEMPTS
        if self.value() == "waiting":
            return waiting.filter(attempts__lt=limit)
        if self.value() == "stuck":
            return waiting.filter(attempts__gte=limit)
        if self.value() == "delivered":
            return queryset.filter(delivered_at__isnull=False)
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """What the system still owes (e-mails, papers): rows that gave up show under "stuck", with
    their last error, and can be tried again; nothing here is edited by hand."""

    list_display = ["key", "kind", "created_at", "attempts", "delivered_at", "last_error"]
    list_filter = [OutboxStatusFilter, "kind"]
    search_fields = ["key", "last_error"]
    date_hierarchy = "created_at"
    actions = ["retry"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Gửi lại các việc đã chọn"))
    def retry(self, request, queryset):
        count = outbox_retry(ids=queryset.values_list("pk", flat=True))
        self.message_user(
            request,
            ngettext(
                "Đã xếp lại %(count)d việc để gửi.", "Đã xếp lại %(count)d việc để gửi.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )
