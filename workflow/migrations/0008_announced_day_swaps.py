# Day swaps the Government announced that the `holidays` package does not list (it already
# knows 02/05/2025 off for Saturday 26/04/2025, and 31/08/2026 off for Saturday 22/08/2026).
# An administrator adds next year's in the admin (Ngày nghỉ, ngày làm bù).

from django.db import migrations

SWAPS = [
    # Tết Dương lịch 2026: four days off, 01–04/01/2026; Friday 02/01 is worked on Saturday
    # 10/01. Công văn 12729/VPCP-KGVX ngày 25/12/2025 (as reported by the press) [S].
    ("2026-01-02", False, "Nghỉ Tết Dương lịch 2026, hoán đổi sang thứ Bảy 10/01/2026 "
     "(CV 12729/VPCP-KGVX ngày 25/12/2025)"),
    ("2026-01-10", True, "Làm bù cho thứ Sáu 02/01/2026 (CV 12729/VPCP-KGVX ngày 25/12/2025)"),
]


def add_swaps(apps, schema_editor) -> None:
    exceptions = apps.get_model("workflow", "CalendarException")
    for day, working, note in SWAPS:
        exceptions.objects.get_or_create(
            day=day, defaults={"is_working_day": working, "note": note}
        )


def remove_swaps(apps, schema_editor) -> None:
    exceptions = apps.get_model("workflow", "CalendarException")
    exceptions.objects.filter(day__in=[day for day, _w, _n in SWAPS]).delete()


class Migration(migrations.Migration):
    dependencies = [("workflow", "0007_outbox_moves_to_its_app")]

    operations = [migrations.RunPython(add_swaps, remove_swaps)]
