from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.admin_base import AuditedHistoryAdmin
from councils.admin import MembershipInline


@admin.register(User)
class AccountAdmin(UserAdmin, AuditedHistoryAdmin):
    list_display = ["username", "full_name", "email", "is_active", "is_staff"]
    list_filter = ["is_active", "is_staff", "is_superuser", "memberships__role"]
    search_fields = ["username", "full_name", "email", "phone"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Thông tin cá nhân"), {"fields": ["full_name", "email", "phone"]}),
        (
            _("Quyền"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Thời điểm"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["username", "full_name", "password1", "password2"]},
        ),
    ]
    inlines = [MembershipInline]
