"""The form a commune fills every year: how many awards were made, by award, by deciding level
and by kind of nominee, and the prize money paid.

What was confirmed (record kept here and in docs/reports.md): the Ministry of Home Affairs'
reporting regime is Thông tư 18/2025/TT-BNV of 08/10/2025 "Quy định chế độ báo cáo thống kê
ngành Nội vụ" (issuing date, number and title from luatvietnam.vn's entry, read 07/12/2026);
its forms for thi đua - khen thưởng could not be read from any stored source, nor those of its
predecessor (Thông tư 02/2023/TT-BNV, biểu 0601–0605.N/BNV-TĐKT, known only through a
vendor's description). No national form counts commune-level awards row by row. So this form
is the system's own [U]: its rows are the commune's catalogue, its columns the splits the
predecessor forms are described with (cá nhân / tập thể / hộ gia đình, đột xuất, chuyên đề,
tiền thưởng). An authority edits it in the admin, or adds the circular's form as a new row set
once its text is at hand; counting year 01/12 – 30/11 [C, domain.md]."""

from django.db import migrations

FORM = {
    "code": "khen-thuong-trong-nam",
    "symbol": "Biểu TK-KT.N",
    "name": "Số lượng khen thưởng trong năm",
    "legal_basis": (
        "Thông tư số 18/2025/TT-BNV ngày 08/10/2025 của Bộ Nội vụ quy định chế độ báo cáo "
        "thống kê ngành Nội vụ"
    ),
    "source": (
        "Số, ngày, trích yếu: luatvietnam.vn (mục lục văn bản). Biểu mẫu của Thông tư chưa "
        "đối chiếu được; dòng, cột do hệ thống đặt theo danh mục khen thưởng cấp xã."
    ),
    "confidence": "unconfirmed",
}

# (code, label, bold, award codes, category, issuing level, kind)
ROWS = [
    ("", "Tổng số", True, [], "", "", ""),
    ("I", "Danh hiệu thi đua", True, [], "title", "", ""),
    ("1", "Chiến sĩ thi đua cơ sở", False, ["chien-si-thi-dua-co-so"], "", "", ""),
    ("2", "Lao động tiên tiến", False, ["lao-dong-tien-tien"], "", "", ""),
    ("3", "Tập thể lao động xuất sắc", False, ["tap-the-lao-dong-xuat-sac"], "", "", ""),
    ("4", "Tập thể lao động tiên tiến", False, ["tap-the-lao-dong-tien-tien"], "", "", ""),
    ("5", "Gia đình văn hóa", False, ["gia-dinh-van-hoa"], "", "", ""),
    ("6", "Thôn, tổ dân phố văn hóa", False, ["thon-to-dan-pho-van-hoa"], "", "", ""),
    ("7", "Xã, phường tiêu biểu", False, ["xa-tieu-bieu"], "", "", ""),
    ("8", "Chiến sĩ thi đua cấp tỉnh", False, ["chien-si-thi-dua-cap-tinh"], "", "", ""),
    ("9", "Cờ thi đua cấp tỉnh", False, ["co-thi-dua-cap-tinh"], "", "", ""),
    ("II", "Hình thức khen thưởng", True, [], "form", "", ""),
    ("10", "Giấy khen của Chủ tịch UBND xã", False, ["giay-khen-chu-tich-xa"], "", "", ""),
    ("11", "Bằng khen của Chủ tịch UBND tỉnh", False, ["bang-khen-chu-tich-tinh"], "", "", ""),
    ("III", "Theo cấp quyết định", True, [], "", "", ""),
    ("12", "Cấp xã quyết định", False, [], "", "commune", ""),
    ("13", "Cấp huyện quyết định (đến 30/06/2025)", False, [], "", "district", ""),
    ("14", "Cấp tỉnh quyết định", False, [], "", "province", ""),
]

# (code, label, measure, nominee group, kind)
COLUMNS = [
    ("1", "Tổng số", "count", "", ""),
    ("2", "Cá nhân", "count", "individual", ""),
    ("3", "Tập thể", "count", "collective", ""),
    ("4", "Hộ gia đình", "count", "household", ""),
    ("5", "Trong đó: đột xuất", "count", "", "ad_hoc"),
    ("6", "Trong đó: theo đợt, chuyên đề", "count", "", "campaign"),
    ("7", "Tiền thưởng (đồng)", "prize", "", ""),
]


def seed(apps, schema_editor) -> None:
    form_model = apps.get_model("reports", "StatisticsForm")
    row_model = apps.get_model("reports", "StatisticsRow")
    column_model = apps.get_model("reports", "StatisticsColumn")
    award_type = apps.get_model("nominations", "AwardType")
    form, created = form_model.objects.get_or_create(code=FORM["code"], defaults=FORM)
    if not created:
        return
    awards = {a.code: a for a in award_type.objects.all()}
    for position, (code, label, bold, codes, category, level, kind) in enumerate(ROWS, 1):
        row = row_model.objects.create(
            form=form,
            position=position,
            code=code,
            label=label,
            bold=bold,
            award_category=category,
            issuing_level=level,
            award_kind=kind,
        )
        row.award_types.set([awards[c] for c in codes if c in awards])
    for position, (code, label, measure, group, kind) in enumerate(COLUMNS, 1):
        column_model.objects.create(
            form=form,
            position=position,
            code=code,
            label=label,
            measure=measure,
            nominee_group=group,
            award_kind=kind,
        )


def unseed(apps, schema_editor) -> None:
    apps.get_model("reports", "StatisticsForm").objects.filter(code=FORM["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_statistics_forms"),
        ("nominations", "0031_award_record_unit"),
    ]

    operations = [migrations.RunPython(seed, unseed)]
