from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """What a commune sends up and reads itself: the statutory statistics (forms as data), the
    award register, movement results against their targets, the dashboard's figures."""

    name = "reports"
    verbose_name = _("Báo cáo, thống kê")
