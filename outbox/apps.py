from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    name = "outbox"
    verbose_name = _("Việc chờ gửi")
    default_auto_field = "django.db.models.BigAutoField"
