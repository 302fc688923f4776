"""The award catalogue of a commune (domain.md §1, §2, §7), as rows an administrator can edit.

Rules marked [U] in domain.md are shipped as configurable defaults with confidence
"unconfirmed": check them against the province's regulation before go-live. The data is
written out here, not imported, so this migration stays what it was when it ran.
"""

from decimal import Decimal

from django.db import migrations

C, S, U = "confirmed", "secondary", "unconfirmed"
LAW_2022 = "Luật Thi đua, khen thưởng số 06/2022/QH15 (hiệu lực 01/01/2024)"
ND152 = "Nghị định 152/2025/NĐ-CP (hiệu lực 01/07/2025)"
ND129 = "Nghị định 129/2025/NĐ-CP, Điều 59"
ND86 = "Nghị định 86/2023/NĐ-CP"
VOTE_NOTE = (
    "Tỷ lệ biểu quyết: NĐ 98/2023 Đ30.7 (đã hết hiệu lực) quy định CSTĐCS từ 80% trên tổng số "
    "thành viên Hội đồng, thành viên vắng mặt lấy ý kiến bằng văn bản; chưa thấy điều khoản "
    "tương ứng của NĐ 152/2025 — giữ làm mặc định, cần rà soát."
)

DOCS = {
    "to_trinh": ("Mẫu 01 Phụ lục NĐ 152/2025", f"{LAW_2022}, Đ84.1.a"),
    "bao_cao_thanh_tich": ("Mẫu 05 Phụ lục NĐ 152/2025", f"{LAW_2022}, Đ84.1.b"),
    "bien_ban_binh_xet": ("", f"{LAW_2022}, Đ84.1.c"),
    "ket_qua_bo_phieu": ("", "QĐ 638/QĐ-BNV (2025)"),
}

# Each award type: fields, kind rules (kind, coefficient, note, confidence), decision rules
# (level, valid_from, valid_to, legal basis) and documents (code, mandatory, template, basis).
CATALOGUE = [
    {
        "code": "lao-dong-tien-tien",
        "name": "Lao động tiên tiến",
        "short_name": "LĐTT",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": False,
        "posting_stage": "after_council",
        "posting_days": 7,
        "posting_in_working_days": True,
        "legal_basis": (
            f"{LAW_2022}, Đ24 (tiêu chuẩn), Đ80.3 (thẩm quyền); {ND129}; {ND152}, Đ50 (tiền thưởng "
            "0,3 lần lương cơ sở). Biểu quyết quá bán số có mặt và công khai 7 ngày làm việc là "
            "mặc định chưa xác nhận; tiêu chí chi tiết do tỉnh quy định."
        ),
        "confidence": S,
        "kinds": [("individual", "0.30", "NĐ 152/2025 Đ50", C)],
        "deciders": [("commune", None, None, f"{LAW_2022}, Đ80.3; {ND129}")],
        "documents": [("to_trinh", True), ("danh_sach", True), ("bien_ban_binh_xet", True)],
    },
    {
        "code": "chien-si-thi-dua-co-so",
        "name": "Chiến sĩ thi đua cơ sở",
        "short_name": "CSTĐCS",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 80,
        "vote_threshold_inclusive": True,
        "vote_base": "all_members",
        "secret_ballot": True,
        "posting_stage": "after_council",
        "posting_days": 7,
        "posting_in_working_days": True,
        "legal_basis": (
            f"{LAW_2022}, Đ23 (đạt LĐTT và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến, đề tài "
            f"được công nhận), Đ84.1 (hồ sơ); {ND129} (Chủ tịch UBND xã quyết định từ "
            f"01/07/2025; trước đó Chủ tịch UBND huyện); {ND152}, Đ50 (1,0 lần lương cơ sở); "
            f"QĐ 638/QĐ-BNV (2025): thẩm định trong 20 ngày làm việc. {VOTE_NOTE} Bỏ phiếu kín "
            "là mặc định chưa xác nhận (NĐ 91/2017 Đ45.8, đã hết hiệu lực)."
        ),
        "confidence": S,
        "kinds": [("individual", "1.00", "NĐ 152/2025 Đ50; kèm giấy chứng nhận và khung", C)],
        "deciders": [
            ("district", None, "2025-06-30", f"{LAW_2022}, Đ80 (Chủ tịch UBND cấp huyện)"),
            ("commune", "2025-07-01", None, f"{ND129}; {ND152}"),
        ],
        "documents": [
            ("to_trinh", True),
            ("bao_cao_thanh_tich", True),
            ("bien_ban_binh_xet", True),
            ("ket_qua_bo_phieu", True),
            ("cong_nhan_sang_kien", False),
            ("xac_nhan_htxs", False),
        ],
    },
    {
        "code": "tap-the-lao-dong-tien-tien",
        "name": "Tập thể lao động tiên tiến",
        "short_name": "TTLĐTT",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": False,
        "posting_stage": "after_council",
        "posting_days": 7,
        "posting_in_working_days": True,
        "legal_basis": (
            f"{LAW_2022}, Đ28; {ND129}; {ND152}, Đ50 (0,8 lần lương cơ sở). Tiêu chí tỷ lệ cá "
            "nhân đạt LĐTT: Bắc Ninh QĐ 86/2025 Đ4.2.b yêu cầu ít nhất 70% (Luật 2003 ghi trên "
            "50%) — do tỉnh quy định."
        ),
        "confidence": S,
        "kinds": [("collective", "0.80", "NĐ 152/2025 Đ50", C)],
        "deciders": [
            ("district", None, "2025-06-30", f"{LAW_2022}, Đ80 (Chủ tịch UBND cấp huyện)"),
            ("commune", "2025-07-01", None, ND129),
        ],
        "documents": [("to_trinh", True), ("bao_cao_thanh_tich", True), ("bien_ban_binh_xet", True)],
    },
    {
        "code": "tap-the-lao-dong-xuat-sac",
        "name": "Tập thể lao động xuất sắc",
        "short_name": "TTLĐXS",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": False,
        "legal_basis": (
            f"{LAW_2022}, Đ27, Đ80 (Chủ tịch UBND cấp tỉnh); {ND152}, Đ50 (1,5 lần lương cơ sở). "
            "Bắc Ninh QĐ 86/2025 Đ3.2.b: 100% cá nhân hoàn thành nhiệm vụ, ít nhất 70% đạt LĐTT, "
            "có cá nhân đạt CSTĐCS."
        ),
        "confidence": U,
        "kinds": [("collective", "1.50", "NĐ 152/2025 Đ50; kèm giấy chứng nhận", C)],
        "deciders": [("province", None, None, f"{LAW_2022}, Đ80")],
        "documents": [("to_trinh", True), ("bao_cao_thanh_tich", True), ("bien_ban_binh_xet", True)],
    },
    {
        "code": "giay-khen-chu-tich-xa",
        "name": "Giấy khen của Chủ tịch Ủy ban nhân dân xã",
        "short_name": "Giấy khen",
        "category": "form",
        "for_annual": True,
        "for_campaign": True,
        "for_ad_hoc": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": False,
        "posting_stage": "after_council",
        "posting_days": 7,
        "posting_in_working_days": True,
        "legal_basis": (
            f"{LAW_2022}, Đ75 (tiêu chuẩn, tỉnh quy định chi tiết), Đ80.3 (thẩm quyền); {ND129}; "
            f"{ND152}, Đ54 (tập thể 0,6 lần lương cơ sở; hộ gia đình 1,5 lần mức cá nhân). Hệ "
            "số cá nhân 0,3 chưa xác nhận."
        ),
        "confidence": S,
        "kinds": [
            ("individual", "0.30", "Chưa xác nhận (NĐ 152/2025 Đ54)", U),
            ("collective", "0.60", "NĐ 152/2025 Đ54 “Giấy khen các cấp”", C),
            ("household", "0.45", "1,5 lần mức cá nhân (NĐ 152/2025 Đ54)", S),
        ],
        "deciders": [("commune", None, None, f"{LAW_2022}, Đ80.3; {ND129}")],
        "documents": [("to_trinh", True), ("bao_cao_thanh_tich", True), ("bien_ban_binh_xet", True)],
    },
    {
        "code": "gia-dinh-van-hoa",
        "name": "Gia đình văn hóa",
        "short_name": "GĐVH",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": False,
        "vote_threshold_percent": None,
        "vote_base": "present",
        "secret_ballot": False,
        "posting_stage": "by_unit",
        "posting_days": 10,
        "decision_days": 10,
        "legal_basis": (
            f"{LAW_2022}, Đ20.2; {ND86}, Đ4 (bình xét xong trước 25/11), Đ7.1 (thôn họp bình "
            "xét, niêm yết công khai 10 ngày; Chủ tịch UBND xã quyết định trong 10 ngày; Mẫu 10 "
            "Phụ lục IV). Chưa thấy mức tiền thưởng tại NĐ 152/2025 Đ50."
        ),
        "confidence": C,
        "kinds": [("household", None, "Chưa có mức tiền thưởng", U)],
        "deciders": [("commune", None, None, f"{ND86}, Đ7; {ND129}")],
        "documents": [
            ("danh_sach", True),
            ("bien_ban_binh_xet", True),
            ("bien_ban_cong_khai", True),
        ],
    },
    {
        "code": "thon-to-dan-pho-van-hoa",
        "name": "Thôn, tổ dân phố văn hóa",
        "short_name": "Thôn văn hóa",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": False,
        "posting_stage": "after_council",
        "posting_days": 10,
        "decision_days": 10,
        "legal_basis": (
            f"{ND86} (Hội đồng TĐKT xã bình xét, công khai 10 ngày, quyết định trong 10 ngày, "
            f"hoàn thành trước 25/11; Mẫu 04, 05, 06); {ND129} (Chủ tịch UBND xã quyết định từ "
            f"01/07/2025; trước đó Chủ tịch UBND huyện); {ND152}, Đ50 (1,5 lần lương cơ sở)."
        ),
        "confidence": C,
        "kinds": [("village", "1.50", "NĐ 152/2025 Đ50; kèm giấy công nhận", C)],
        "deciders": [
            ("district", None, "2025-06-30", f"{ND86} (Chủ tịch UBND cấp huyện)"),
            ("commune", "2025-07-01", None, ND129),
        ],
        "documents": [
            ("to_trinh", True, "Mẫu 04 NĐ 86/2023"),
            ("bao_cao_thanh_tich", True, "Mẫu 05 NĐ 86/2023"),
            ("bien_ban_binh_xet", True, "Mẫu 06 NĐ 86/2023"),
        ],
    },
    {
        "code": "xa-tieu-bieu",
        "name": "Xã, phường, đặc khu tiêu biểu",
        "short_name": "Xã tiêu biểu",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": False,
        "legal_basis": (
            f"{ND86} (tiêu chuẩn); {ND152}, Đ50 (2,0 lần lương cơ sở); Chủ tịch UBND tỉnh quyết "
            "định theo đề nghị của xã. Trước 01/07/2025 tên gọi “xã, phường, thị trấn tiêu biểu”."
        ),
        "confidence": U,
        "kinds": [("collective", "2.00", "NĐ 152/2025 Đ50", C)],
        "deciders": [("province", None, None, f"{ND86}; {LAW_2022}, Đ80")],
        "documents": [("to_trinh", True), ("bao_cao_thanh_tich", True)],
    },
    {
        "code": "chien-si-thi-dua-cap-tinh",
        "name": "Chiến sĩ thi đua cấp tỉnh",
        "short_name": "CSTĐ tỉnh",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 90,
        "vote_threshold_inclusive": True,
        "vote_base": "all_members",
        "secret_ballot": True,
        "legal_basis": (
            f"{LAW_2022}, Đ22 (3 lần liên tục đạt CSTĐCS và sáng kiến có phạm vi ảnh hưởng cấp "
            f"tỉnh), Đ80; {ND152}, Đ50 (3,0 lần lương cơ sở). Tỷ lệ 90% trên tổng số thành viên "
            "theo NĐ 98/2023 Đ30.7 (đã hết hiệu lực) — mặc định cần rà soát."
        ),
        "confidence": S,
        "kinds": [("individual", "3.00", "NĐ 152/2025 Đ50", C)],
        "deciders": [("province", None, None, f"{LAW_2022}, Đ80")],
        "documents": [
            ("to_trinh", True),
            ("bao_cao_thanh_tich", True),
            ("bien_ban_binh_xet", True),
            ("ket_qua_bo_phieu", True),
            ("cong_nhan_sang_kien", True),
        ],
    },
    {
        "code": "bang-khen-chu-tich-tinh",
        "name": "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        "short_name": "Bằng khen tỉnh",
        "category": "form",
        "for_annual": True,
        "for_campaign": True,
        "for_ad_hoc": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": False,
        "legal_basis": (
            f"{LAW_2022}, Đ74 (tỉnh quy định chi tiết), Đ80; {ND152}, Đ54 (tập thể 3,0 lần lương "
            "cơ sở; hộ gia đình 1,5 lần mức cá nhân). Hệ số cá nhân 1,5 chưa xác nhận."
        ),
        "confidence": S,
        "kinds": [
            ("individual", "1.50", "Chưa xác nhận (NĐ 152/2025 Đ54)", U),
            ("collective", "3.00", "NĐ 152/2025 Đ54", C),
            ("household", "2.25", "1,5 lần mức cá nhân (NĐ 152/2025 Đ54)", S),
        ],
        "deciders": [("province", None, None, f"{LAW_2022}, Đ80")],
        "documents": [("to_trinh", True), ("bao_cao_thanh_tich", True), ("bien_ban_binh_xet", True)],
    },
    {
        "code": "co-thi-dua-cap-tinh",
        "name": "Cờ thi đua của Ủy ban nhân dân tỉnh",
        "short_name": "Cờ thi đua tỉnh",
        "category": "title",
        "for_annual": True,
        "needs_council_vote": True,
        "vote_threshold_percent": 50,
        "vote_threshold_inclusive": False,
        "vote_base": "present",
        "secret_ballot": True,
        "legal_basis": (
            f"{LAW_2022}, Đ26, Đ80; {ND152}, Đ50 (8,0 lần lương cơ sở). Hội đồng TĐKT tỉnh xét."
        ),
        "confidence": S,
        "kinds": [("collective", "8.00", "NĐ 152/2025 Đ50", C)],
        "deciders": [("province", None, None, f"{LAW_2022}, Đ80")],
        "documents": [("to_trinh", True), ("bao_cao_thanh_tich", True), ("bien_ban_binh_xet", True)],
    },
]

BASE_SALARIES = [
    (1_490_000, "2019-07-01", "Nghị định 38/2019/NĐ-CP"),
    (1_800_000, "2023-07-01", "Nghị định 24/2023/NĐ-CP"),
    (2_340_000, "2024-07-01", "Nghị định 73/2024/NĐ-CP"),
    (2_530_000, "2026-07-01", "Nghị định 161/2026/NĐ-CP (theo nguồn thứ cấp)"),
]

ROW_FIELDS = {"kinds", "deciders", "documents"}


def load_catalogue(apps, schema_editor):
    AwardType = apps.get_model("nominations", "AwardType")
    AwardKindRule = apps.get_model("nominations", "AwardKindRule")
    AwardDecisionRule = apps.get_model("nominations", "AwardDecisionRule")
    AwardDocumentRequirement = apps.get_model("nominations", "AwardDocumentRequirement")
    BaseSalary = apps.get_model("nominations", "BaseSalary")

    for order, entry in enumerate(CATALOGUE, start=1):
        fields = {k: v for k, v in entry.items() if k not in ROW_FIELDS}
        award = AwardType.objects.create(sort_order=order * 10, **fields)
        for kind, coefficient, note, confidence in entry["kinds"]:
            AwardKindRule.objects.create(
                award_type=award,
                nominee_kind=kind,
                prize_coefficient=Decimal(coefficient) if coefficient else None,
                note=note,
                confidence=confidence,
            )
        for level, valid_from, valid_to, basis in entry["deciders"]:
            AwardDecisionRule.objects.create(
                award_type=award,
                level=level,
                valid_from=valid_from,
                valid_to=valid_to,
                legal_basis=basis,
            )
        for document, mandatory, *template in entry["documents"]:
            default_template, basis = DOCS.get(document, ("", ""))
            AwardDocumentRequirement.objects.create(
                award_type=award,
                document=document,
                mandatory=mandatory,
                template_name=template[0] if template else default_template,
                legal_basis=basis,
            )
    for amount, valid_from, basis in BASE_SALARIES:
        BaseSalary.objects.create(amount=amount, valid_from=valid_from, legal_basis=basis)


def unload_catalogue(apps, schema_editor):
    apps.get_model("nominations", "AwardType").objects.filter(
        code__in=[entry["code"] for entry in CATALOGUE]
    ).delete()
    apps.get_model("nominations", "BaseSalary").objects.filter(
        valid_from__in=[valid_from for _, valid_from, _ in BASE_SALARIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0001_initial")]

    operations = [migrations.RunPython(load_catalogue, unload_catalogue)]
