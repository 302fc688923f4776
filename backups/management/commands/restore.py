from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from backups.database import BackupRefused
from backups.services import backup_check, backup_restore


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu vào cài đặt trống (cơ sở dữ liệu chưa có bảng): kiểm tra mã "
        "SHA-256 trước khi nạp, sau đó đối chiếu số dòng, tệp đính kèm và chuỗi nhật ký."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path, help="Tệp thidua-backup-….tar.gz")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ kiểm tra mã SHA-256 của bản sao lưu, không khôi phục.",
        )

    def handle(self, *args, archive: Path, check: bool, **options) -> None:
        if not archive.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": archive})
        try:
            if check:
                manifest = backup_check(archive=archive)
                self.stdout.write(
                    self.style.SUCCESS(
                        _("Bản sao lưu nguyên vẹn: %(n)d tệp khớp mã SHA-256 (tạo lúc %(at)s).")
                        % {"n": len(manifest["files"]), "at": manifest.get("created_at", "?")}
                    )
                )
                return
            report = backup_restore(archive=archive)
        except BackupRefused as refusal:
            raise CommandError(refusal.message) from refusal
        for line in report.checked:
            self.stdout.write(f"✓ {line}")
        for line in report.notes:
            self.stdout.write(f"! {line}")
        for line in report.problems:
            self.stdout.write(self.style.ERROR(f"✗ {line}"))
        if not report.ok:
            raise CommandError(
                _("Khôi phục xong nhưng có %(n)d chỗ không khớp (xem trên).")
                % {"n": len(report.problems)}
            )
        self.stdout.write(self.style.SUCCESS(_("Đã khôi phục %(name)s.") % {"name": archive.name}))
