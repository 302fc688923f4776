"""A legal text cited only on the papers about the awards it governs, and the first such text:
NĐ 86/2023/NĐ-CP (07/12/2023, in force 30/01/2024 [C], domain.md) for Gia đình văn hóa, Thôn,
tổ dân phố văn hóa and Xã, phường tiêu biểu; its trích yếu as secondary sources give it."""

import datetime

from django.db import migrations, models


ND86 = (
    "Nghị định số 86/2023/NĐ-CP ngày 07 tháng 12 năm 2023 của Chính phủ quy định khung tiêu"
    " chuẩn và trình tự, thủ tục, hồ sơ xét tặng danh hiệu “Gia đình văn hóa”; “Thôn, tổ dân phố"
    " văn hóa”, “Xã, phường, thị trấn tiêu biểu”"
)
GOVERNED = ["gia-dinh-van-hoa", "thon-to-dan-pho-van-hoa", "xa-tieu-bieu"]


def nd86(apps, schema_editor) -> None:
    legal_basis = apps.get_model("nominations", "LegalBasis")
    award_type = apps.get_model("nominations", "AwardType")
    row, _created = legal_basis.objects.get_or_create(
        citation=ND86,
        defaults={
            "kind": "decree",
            "rank": 32,
            "in_force_from": datetime.date(2024, 1, 30),
            "on_decisions": True,
            "on_proposals": True,
            "source": "Hiệu lực 30/01/2024 (domain.md); trích yếu theo nguồn thứ cấp",
            "confidence": "secondary",
        },
    )
    row.award_types.set(award_type.objects.filter(code__in=GOVERNED))


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0029_digital_signatures"),
    ]

    operations = [
        migrations.AddField(
            model_name="legalbasis",
            name="award_types",
            field=models.ManyToManyField(
                blank=True,
                related_name="legal_bases",
                to="nominations.awardtype",
                verbose_name="chỉ ghi trên văn bản về",
            ),
        ),
        migrations.RunPython(nd86, migrations.RunPython.noop),
    ]
