from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from workflow.models import CalendarException


@admin.register(CalendarException)
class CalendarExceptionAdmin(SimpleHistoryAdmin):
    list_display = ["day", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    search_fields = ["note"]
    date_hierarchy = "day"
