"""A new circular's form, or an authority's own, is a form here with its rows and columns."""

from django.contrib import admin

from audit.admin_base import AuditedHistoryAdmin
from reports.models import StatisticsColumn, StatisticsForm, StatisticsRow


class StatisticsColumnInline(admin.TabularInline):
    model = StatisticsColumn
    extra = 0


@admin.register(StatisticsForm)
class StatisticsFormAdmin(AuditedHistoryAdmin):
    list_display = ["code", "symbol", "name", "valid_from", "valid_to", "confidence"]
    list_filter = ["confidence"]
    search_fields = ["code", "symbol", "name", "legal_basis"]
    inlines = [StatisticsColumnInline]


@admin.register(StatisticsRow)
class StatisticsRowAdmin(AuditedHistoryAdmin):
    """Rows apart from their form: each chooses its award types from the catalogue."""

    list_display = ["form", "position", "code", "label", "award_category", "issuing_level"]
    list_filter = ["form", "award_category", "issuing_level"]
    search_fields = ["label", "code"]
    filter_horizontal = ["award_types"]


@admin.register(StatisticsColumn)
class StatisticsColumnAdmin(AuditedHistoryAdmin):
    list_display = ["form", "position", "code", "label", "measure", "nominee_group"]
    list_filter = ["form", "measure"]
    search_fields = ["label", "code"]
