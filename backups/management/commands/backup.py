from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from backups.database import BackupRefused
from backups.services import backup_create


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cài đặt (cơ sở dữ liệu, tệp đính kèm, văn bản đã tạo) vào một tệp "
        ".tar.gz có manifest.json ghi mã SHA-256; giữ lại N bản mới nhất."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", type=Path, default=None, help="Thư mục lưu (mặc định: BACKUP_DIR)."
        )
        parser.add_argument(
            "--keep", type=int, default=None, help="Số bản giữ lại (mặc định: BACKUP_KEEP)."
        )

    def handle(self, *args, output: Path | None, keep: int | None, **options) -> None:
        output = output or Path(settings.BACKUP_DIR)
        keep = settings.BACKUP_KEEP if keep is None else keep
        try:
            result = backup_create(output=output, keep=keep)
        except BackupRefused as refusal:
            raise CommandError(refusal.message) from refusal
        manifest = result.manifest
        self.stdout.write(
            _("Cơ sở dữ liệu %(vendor)s: %(tables)d bảng, %(rows)d dòng; %(files)d tệp.")
            % {
                "vendor": manifest["database"]["vendor"],
                "tables": len(manifest["tables"]),
                "rows": sum(manifest["tables"].values()),
                "files": len(manifest["files"]) - 1,
            }
        )
        for path in result.removed:
            self.stdout.write(_("Đã xoá bản cũ: %(name)s") % {"name": path.name})
        self.stdout.write(self.style.SUCCESS(_("Đã sao lưu: %(path)s") % {"path": result.path}))
