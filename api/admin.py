from django.contrib import admin

from api.models import IdempotentRequest


@admin.register(IdempotentRequest)
class IdempotentRequestAdmin(admin.ModelAdmin):
    """The remembered first answers of API calls with an Idempotency-Key: read, never edited."""

    list_display = ["user", "key", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["user__username", "key"]
    list_select_related = ["user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
