from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from audit.checkpoints import audit_checkpoint_write, checkpoint_dir, new_key_file


class Command(BaseCommand):
    help = (
        "Ký và ghi một mốc của chuỗi nhật ký kiểm tra (số thứ tự, mã băm, thời điểm) ra ngoài "
        "cơ sở dữ liệu; --new-key TỆP tạo khóa ký mới."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--new-key",
            metavar="FILE",
            help="Tạo khóa Ed25519 mới vào tệp (quyền 0600) rồi dừng.",
        )

    def handle(self, *args, **options) -> None:
        if options["new_key"]:
            path = Path(options["new_key"])
            if path.exists():
                raise CommandError(f"{path} đã có; không ghi đè khóa đang dùng.")
            public = new_key_file(path)
            self.stdout.write(
                self.style.SUCCESS(f"Đã tạo khóa ký {path}. Khóa công khai (base64): {public}")
            )
            return
        checkpoint = audit_checkpoint_write()
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã ghi mốc: sự kiện số {checkpoint.sequence}, mã băm {checkpoint.hash[:16]}…, "
                f"lúc {checkpoint.at}, khóa {checkpoint.key}, vào {checkpoint_dir()}."
            )
        )
