"""Write the bundled DOCX templates (run after changing nominations/documents/bundled.py)."""

from django.core.management.base import BaseCommand

from nominations.documents.bundled import write_all


class Command(BaseCommand):
    help = "Viết lại các mẫu văn bản DOCX kèm theo phần mềm (theo bố cục NĐ 30/2020)."

    def handle(self, *args, **options) -> None:
        for path in write_all():
            self.stdout.write(str(path))
