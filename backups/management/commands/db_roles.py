from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from backups.roles import audit_table_statements, role_statements


class Command(BaseCommand):
    help = (
        "Vai trò PostgreSQL: chủ sở hữu (chạy migrate) và vai trò ứng dụng (chỉ đọc, ghi dòng; "
        "không tắt được trigger của nhật ký kiểm tra). In câu lệnh SQL, hoặc chạy với --execute "
        "(kết nối bằng DATABASE_URL của siêu người dùng)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--owner", default="thidua_owner")
        parser.add_argument("--app", default="thidua_app")
        parser.add_argument("--app-password", default=None)
        parser.add_argument("--database", default=None, help="mặc định: CSDL của DATABASE_URL")
        parser.add_argument("--execute", action="store_true")

    def handle(self, *args, owner, app, app_password, database, execute, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("Chỉ dành cho PostgreSQL.")
        database = database or connection.settings_dict["NAME"]
        try:
            statements = role_statements(
                database=database, owner=owner, app=app, app_password=app_password
            ) + audit_table_statements(app=app)
        except ValueError as error:
            raise CommandError(str(error)) from error
        connection.ensure_connection()
        raw = connection.connection
        for statement in statements:
            text = statement.as_string(raw)
            if not execute:
                self.stdout.write(text + ";")
                continue
            with raw.cursor() as cursor:
                cursor.execute(statement)
        if execute:
            self.stdout.write(
                self.style.SUCCESS(f"Đã tạo vai trò {owner} và {app} cho {database}.")
            )
