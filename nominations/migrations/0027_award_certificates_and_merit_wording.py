"""What each award carries besides its money, and how its papers praise the awardee.

Sources (research for issue 23, recorded in docs/documents/wording.md):
- NĐ 152/2025/NĐ-CP Đ50.1.c–d, as quoted by thuvienphapluat and dantri (same wording and
  amounts as NĐ 98/2023 Đ54.1.c–d) [C]: "Chiến sĩ thi đua cơ sở" được tặng Bằng chứng
  nhận, khung và được thưởng 1,0 lần; "Lao động tiên tiến" được thưởng 0,3 lần: no paper.
- NĐ 152/2025 Đ50: Tập thể lao động tiên tiến 0,8 lần, no paper [C]; Tập thể lao động xuất
  sắc Bằng chứng nhận, khung [C]; Thôn, tổ dân phố văn hóa Bằng chứng nhận, khung [S].
- NĐ 152/2025 Đ54.1.e: an individual's Giấy khen "được tặng giấy khen, khung" [S].
- NĐ 86/2023 Đ7.1: the Gia đình văn hóa is decided by a quyết định (Mẫu 10 Phụ lục IV); no
  certificate form was found [U].
- Luật TĐKT 2022 Đ24 (LĐTT: hoàn thành tốt nhiệm vụ), Đ27 (TTLĐXS: hoàn thành xuất sắc),
  Đ28 (TTLĐTT: hoàn thành tốt nhiệm vụ) for the praise.
Every value is catalogue data an authority may edit.
"""

from django.db import migrations, models


ND152 = "NĐ 152/2025/NĐ-CP"
CARRIES = {
    # code: (certificate, basis, praise)
    "lao-dong-tien-tien": (
        "none",
        f"{ND152} Đ50.1.d (trước 01/07/2025: NĐ 98/2023 Đ54.1.d): chỉ được thưởng tiền",
        "đã hoàn thành tốt nhiệm vụ được giao",
    ),
    "chien-si-thi-dua-co-so": (
        "bang_chung_nhan",
        f"{ND152} Đ50.1.c (trước 01/07/2025: NĐ 98/2023 Đ54.1.c): Bằng chứng nhận, khung",
        "đã có thành tích xuất sắc",
    ),
    "tap-the-lao-dong-tien-tien": (
        "none",
        f"{ND152} Đ50: chỉ được thưởng tiền",
        "đã hoàn thành tốt nhiệm vụ và kế hoạch được giao",
    ),
    "tap-the-lao-dong-xuat-sac": (
        "bang_chung_nhan",
        f"{ND152} Đ50 (NĐ 98/2023 Đ54): Bằng chứng nhận, khung",
        "đã hoàn thành xuất sắc nhiệm vụ và kế hoạch được giao",
    ),
    "giay-khen-chu-tich-xa": (
        "giay_khen",
        f"{ND152} Đ54.1.e: giấy khen, khung (theo nguồn thứ cấp, cần đối chiếu văn bản gốc)",
        "đã có thành tích xuất sắc",
    ),
    "gia-dinh-van-hoa": (
        "none",
        "NĐ 86/2023/NĐ-CP Đ7.1, Mẫu 10 Phụ lục IV: quyết định kèm danh sách; chưa thấy mẫu giấy"
        " công nhận",
        "",
    ),
    "thon-to-dan-pho-van-hoa": (
        "bang_chung_nhan",
        f"{ND152} Đ50.2: Bằng chứng nhận, khung (theo nguồn thứ cấp)",
        "",
    ),
    "xa-tieu-bieu": ("issued_above", f"{ND152} Đ50: Bằng chứng nhận, khung (cấp tỉnh)", ""),
    "chien-si-thi-dua-cap-tinh": ("issued_above", f"{ND152} Đ50 (cấp tỉnh)", ""),
    "bang-khen-chu-tich-tinh": ("issued_above", f"{ND152} Đ54 (cấp tỉnh)", ""),
    "co-thi-dua-cap-tinh": ("issued_above", f"{ND152} Đ50 (cấp tỉnh)", ""),
}


def carries(apps, schema_editor) -> None:
    award_types = apps.get_model("nominations", "AwardType")
    for award in award_types.objects.filter(code__in=CARRIES):
        award.certificate, award.certificate_basis, award.merit_wording = CARRIES[award.code]
        award.save(update_fields=["certificate", "certificate_basis", "merit_wording"])


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0026_attachment_original_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="awardtype",
            name="certificate",
            field=models.CharField(
                choices=[
                    ("none", "Không có (quyết định và danh sách)"),
                    ("giay_khen", "Giấy khen"),
                    ("bang_chung_nhan", "Bằng chứng nhận"),
                    ("issued_above", "Do cấp trên cấp phát"),
                ],
                default="none",
                max_length=16,
                verbose_name="hiện vật khen thưởng",
            ),
        ),
        migrations.AddField(
            model_name="awardtype",
            name="certificate_basis",
            field=models.CharField(blank=True, max_length=300, verbose_name="căn cứ về hiện vật"),
        ),
        migrations.AddField(
            model_name="awardtype",
            name="merit_wording",
            field=models.CharField(
                blank=True,
                help_text="Ví dụ: “đã hoàn thành tốt nhiệm vụ được giao”. Để trống: không ghi.",
                max_length=200,
                verbose_name="lời khen trên quyết định, giấy khen",
            ),
        ),
        migrations.AddField(
            model_name="historicalawardtype",
            name="certificate",
            field=models.CharField(
                choices=[
                    ("none", "Không có (quyết định và danh sách)"),
                    ("giay_khen", "Giấy khen"),
                    ("bang_chung_nhan", "Bằng chứng nhận"),
                    ("issued_above", "Do cấp trên cấp phát"),
                ],
                default="none",
                max_length=16,
                verbose_name="hiện vật khen thưởng",
            ),
        ),
        migrations.AddField(
            model_name="historicalawardtype",
            name="certificate_basis",
            field=models.CharField(blank=True, max_length=300, verbose_name="căn cứ về hiện vật"),
        ),
        migrations.AddField(
            model_name="historicalawardtype",
            name="merit_wording",
            field=models.CharField(
                blank=True,
                help_text="Ví dụ: “đã hoàn thành tốt nhiệm vụ được giao”. Để trống: không ghi.",
                max_length=200,
                verbose_name="lời khen trên quyết định, giấy khen",
            ),
        ),
        migrations.AlterField(
            model_name="generateddocument",
            name="kind",
            field=models.CharField(
                choices=[
                    ("decision", "Quyết định khen thưởng và danh sách kèm theo"),
                    ("certificates", "Giấy khen, bằng chứng nhận"),
                    ("minutes", "Biên bản họp Hội đồng"),
                    ("achievement_report", "Báo cáo thành tích"),
                    ("forward_submission", "Tờ trình đề nghị cấp trên khen thưởng"),
                    ("unit_submission", "Tờ trình đề nghị khen thưởng của đơn vị"),
                ],
                max_length=24,
                verbose_name="loại văn bản",
            ),
        ),
        migrations.RunPython(carries, migrations.RunPython.noop),
    ]
