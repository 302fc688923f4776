import time

from django.core.management.base import BaseCommand, CommandError

from audit.checkpoints import checkpoints_check
from audit.verification import verify_chain


class Command(BaseCommand):
    help = (
        "Kiểm tra chuỗi mã băm của nhật ký kiểm tra và các mốc đã ký; báo mắt xích hỏng đầu "
        "tiên, chuỗi bị tính lại, sự kiện bị xóa."
    )

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        report = verify_chain()
        checkpoints, problems = checkpoints_check()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Đã kiểm tra {report.checked} sự kiện trong {elapsed:.2f} s.")
        last = checkpoints[-1] if checkpoints else None  # the newest validly signed
        if last is None:
            self.stdout.write("Chưa có mốc đã ký nào (manage.py audit_checkpoint).")
        else:
            self.stdout.write(
                f"Mốc gần nhất: sự kiện số {last.sequence}, lúc {last.at}, khóa {last.key}; "
                f"{len(checkpoints)} mốc có chữ ký hợp lệ."
            )
        failures = []
        if not report.intact:
            broken = report.broken
            self.stdout.write(
                f"Mắt xích hỏng tại sự kiện số {broken.sequence} ({broken.why}): "
                f"mong đợi {broken.expected or '—'}, tìm thấy {broken.found or '—'}."
            )
            failures.append(f"nhật ký bị thay đổi tại sự kiện số {broken.sequence}")
        for problem in problems:
            self.stdout.write(problem.message)
            where = f" từ sự kiện số {problem.sequence}" if problem.sequence else ""
            failures.append(f"{KINDS[problem.kind]}{where}")
        if failures:
            raise CommandError(
                "Nhật ký kiểm tra không còn nguyên vẹn: " + "; ".join(failures) + "."
            )
        self.stdout.write(self.style.SUCCESS("Chuỗi nguyên vẹn, khớp mọi mốc đã ký."))


KINDS = {
    "rechained": "chuỗi bị tính lại",
    "truncated": "mất các sự kiện mới nhất",
    "signature": "mốc có chữ ký sai",
    "malformed": "tệp mốc hỏng",
}
