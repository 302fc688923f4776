from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from nominations.tasks import deliver_document
        from outbox import handlers
        from outbox.models import OutboxMessage

        # A paper takes seconds to render and its request id makes a rerun a no-op: it is
        # made without holding the row's lock.
        handlers.register(OutboxMessage.Kind.DOCUMENT, deliver_document, under_lock=False)
