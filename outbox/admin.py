from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from outbox.models import OutboxMessage
from outbox.services import outbox_retry


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
