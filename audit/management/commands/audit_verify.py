import time

from django.core.management.base import BaseCommand, CommandError

from audit.verification import verify_chain


class Command(BaseCommand):
    help = "Kiểm tra chuỗi mã băm của nhật ký kiểm tra; báo mắt xích hỏng đầu tiên."

    def handle(self, *args, **options) -> None:
        started = time.perf_counter()
        report = verify_chain()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Đã kiểm tra {report.checked} sự kiện trong {elapsed:.2f} s.")
        if report.intact:
            self.stdout.write(self.style.SUCCESS("Chuỗi nguyên vẹn."))
            return
        broken = report.broken
        self.stdout.write(
            f"Mắt xích hỏng tại sự kiện số {broken.sequence} ({broken.why}): "
            f"mong đợi {broken.expected or '—'}, tìm thấy {broken.found or '—'}."
        )
        raise CommandError(f"Nhật ký kiểm tra bị thay đổi tại sự kiện số {broken.sequence}.")
