from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Quy trình")

    def ready(self) -> None:
        # Each service attaches itself to its row of the action table on import.
        from outbox import handlers
        from outbox.models import OutboxMessage
        from workflow import meetings, services  # noqa: F401
        from workflow.notifications import deliver_email

        # An e-mail cannot be taken back: it is sent under the row's lock.
        handlers.register(OutboxMessage.Kind.EMAIL, deliver_email, under_lock=True)
