from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình")

    def ready(self) -> None:
        # Each service attaches itself to its row of the action table on import.
        from django.db.models.signals import post_delete, post_save

        from outbox import handlers
        from outbox.models import OutboxMessage
        from workflow import meetings, services  # noqa: F401
        from workflow.models import CalendarException
        from workflow.notifications import deliver_email
        from workflow.selectors import calendar_exceptions_forget

        # An e-mail cannot be taken back: it is sent under the row's lock.
        handlers.register(OutboxMessage.Kind.EMAIL, deliver_email, under_lock=True)
        for signal in (post_save, post_delete):
            signal.connect(calendar_exceptions_forget, sender=CalendarException)
