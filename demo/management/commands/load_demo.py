import re

from django.conf import settings
from django.core.management.base import BaseCommand

from demo.world import demo_world_load

# Numbered logins (hoidong2, truongthon3…) are listed by pattern, not one by one.
_NUMBERED = re.compile(r"\d+$")


class Command(BaseCommand):
    help = "Tạo (hoặc bổ sung) dữ liệu mẫu của 5 xã; chạy lại nhiều lần không tạo trùng."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--password", default=None, help="Mật khẩu chung (mặc định: biến DEMO_PASSWORD)."
        )
        parser.add_argument("--quiet-logins", action="store_true", help="Không in danh sách.")

    def handle(self, *args, password: str | None, quiet_logins: bool, **options) -> None:
        password = password or settings.DEMO_PASSWORD
        summary = demo_world_load(password=password)
        self.stdout.write(self.style.SUCCESS(f"Dữ liệu mẫu: thêm mới {summary.created} bản ghi."))
        if quiet_logins:
            return
        self.stdout.write(f"\nTài khoản mẫu — mật khẩu chung: {password}")
        width = max(len(login.username) for login in summary.logins)
        for login in summary.logins:
            if (
                login.username == "admin"
                or not _NUMBERED.search(login.username)
                or (login.username.endswith(("hoidong1", "truongthon1", "hieutruong1")))
            ):
                self.stdout.write(f"  {login.username:<{width}}  {login.full_name} — {login.role}")
        self.stdout.write(
            "  … và <xã>.hoidong2…, <xã>.truongthon2…, <xã>.hieutruong2…, <xã>.doanthe1…, "
            "<xã>.bannganh1… (xem trang quản trị, mục Người dùng)."
        )
        self.stdout.write("\nĐăng nhập: http://127.0.0.1:8000/accounts/login/ (quản trị: /admin/)")
