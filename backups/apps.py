from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backup and restore of a whole installation: the database and the files under MEDIA_ROOT.
    No models: an archive is a file in BACKUP_DIR, its manifest says what it holds."""

    name = "backups"
    verbose_name = _("Sao lưu và khôi phục")
