"""Demo communes for the thi đua - khen thưởng nomination system.

Pure data, no logic. Each entry of ``COMMUNES`` was transcribed by hand from one real commune
emulation plan (kế hoạch / chương trình phát động phong trào thi đua) kept in ``shared/seeds/``
(file named in ``seed_file``). Plan 001 (Lương Phong) is an OCR text without diacritics; its
Vietnamese has been restored here. Values follow the plan texts; anything not printed in the
plan is marked with a ``# not in the plan text`` or ``# inferred: ...`` comment.

Conventions:
- ``villages`` lists only thôn/bản named in the plan (none of the five plans names any);
  ``village_count`` is the number the plan states, or ``None`` when it states none.
- ``sections`` leaves out the Hội đồng Thi đua - Khen thưởng xã itself (the council).
- ``targets`` (chỉ tiêu) is filled for the four plans that print them: Cẩm Lĩnh (000),
  Lương Phong (001), Sơn Tây (002) and Khuôn Lùng (004). Đại Lãnh (003) prints none (it only
  cites the "mục tiêu, chỉ tiêu phát triển kinh tế - xã hội năm 2023" of its HĐND resolution
  without listing them), so its list stays empty. Only Khuôn Lùng prints a table (TT, Chỉ
  tiêu, ĐVT, Mục tiêu); Lương Phong prints a numbered list and Cẩm Lĩnh and Sơn Tây running
  text, whose units are the words printed after each figure. Figures stay as printed
  (Vietnamese separators, ranges such as "10 - 11", leading zeros); where a target has no
  figure, its printed verb ("Đạt", "Giữ vững", ...) stands in and a comment says so. A group
  header is a row with empty unit and target. The printed marker of each row ("1", "-", "+",
  "(1)", "2.1", or "no marker" inside running text) is kept in a trailing comment.
"""

COMMUNES: list[dict] = [
    # ------------------------------------------------------------------ 000 Cẩm Lĩnh
    {
        "slug": "camlinh",
        "name": "Cẩm Lĩnh",  # the body text also misspells it "Cầm Lãnh" (3 times)
        # not in the plan text (only "UBND huyện", "UBND tỉnh"): coastal fishing commune
        # (rừng ngập mặn, đánh bắt 3.400 tấn, du lịch biển, Xô Viết Nghệ Tĩnh anniversary),
        # so xã Cẩm Lĩnh of Cẩm Xuyên, Hà Tĩnh, not the inland Cẩm Lĩnh of Ba Vì, Hà Nội.
        "district": "Cẩm Xuyên",  # not in the plan text
        "province": "Hà Tĩnh",  # not in the plan text
        "seed_file": "000_cc48267418a95475.txt",
        # L167: "Văn phòng UBND xã: (Thường trực Hội đồng Thi đua - Khen thưởng xã)"
        "standing_office": "Văn phòng UBND xã",
        "plan": {
            "number": "",  # printed "Số: /KH-UBND" (number left blank)
            "date": "2024-03-01",  # printed "ngày   tháng 3 năm 2024": day blank, 1st used
            "kind": "annual",
            "title": (
                "Tổ chức phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024"
            ),
            "theme": (
                "Đoàn kết, đổi mới, thi đua thực hiện thắng lợi toàn diện các nhiệm vụ "
                "phát triển kinh tế - xã hội, đảm bảo quốc phòng, an ninh năm 2024"
            ),
        },
        "movement": {
            "name": "Thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm 2024",
            "starts_on": "2024-01-01",
            "ends_on": "2024-12-29",  # end of đợt 2 / tổng kết "trước ngày 29/12/2024"
        },
        "periods": [
            {
                "name": (
                    "Đợt 1 (6 tháng đầu năm 2024): chào mừng 94 năm Ngày thành lập Đảng, "
                    "49 năm Giải phóng miền Nam, 134 năm Ngày sinh Chủ tịch Hồ Chí Minh"
                ),
                # printed "từ ngày 01/01/2023 đến 30/6/2023", an evident typo for 2024
                # (the same đợt celebrates 2024 anniversaries; sơ kết before 30/6/2024)
                "starts_on": "2024-01-01",
                "ends_on": "2024-06-30",
            },
            {
                "name": (
                    "Đợt 2 (6 tháng cuối năm 2024): chào mừng 79 năm Cách mạng Tháng Tám "
                    "và Quốc khánh 2/9, hoàn thành toàn diện nhiệm vụ năm 2024"
                ),
                "starts_on": "2024-07-01",
                "ends_on": "2024-12-29",
            },
        ],
        "villages": [],  # plan only says "các thôn", "thôn xóm"
        "village_count": None,  # not in the plan text
        "schools": [
            "Trường Mầm non Cẩm Lĩnh",  # inferred: plan says "trường Mầm non" without name
            "Trường Tiểu học Cẩm Lĩnh",  # inferred: plan says "trường Tiểu học" without name
            "Trường THCS Cẩm Lĩnh",  # inferred: typical; not mentioned in the plan
        ],
        "health_station": "Trạm Y tế xã Cẩm Lĩnh",
        "mass_organisations": [
            "Ủy ban Mặt trận Tổ quốc xã",
            "Hội Liên hiệp Phụ nữ xã",  # inferred: plan only says "các đoàn thể"
            "Hội Nông dân xã",  # inferred: plan only says "các đoàn thể"
            "Hội Cựu chiến binh xã",  # inferred: plan only says "các đoàn thể"
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",  # inferred: plan only says "các đoàn thể"
        ],
        "sections": [
            "Văn phòng UBND xã",
            "Ban Văn hóa xã",
            "Bộ phận giao dịch và trả kết quả (một cửa)",
            "Công an xã",  # inferred: plan says "Công an - quân sự"
            "Ban Chỉ huy Quân sự xã",  # inferred: plan says "Công an - quân sự"
        ],
        # II.2.2 "Mục tiêu cụ thể" (seed lines 41-51): running text, no table. Each bullet
        # "- Về ...:" is a group header; its items, separated by ";" in the text, have no marker.
        # Units are the words printed after the figure.
        "targets": [
            {"name": "Về phát triển kinh tế", "unit": "", "target": ""},  # - (group header)
            {
                "name": "Mức tăng trưởng giá trị sản xuất 10% trở lên",  # no marker
                "unit": "%",
                "target": "10",
            },
            {
                # no marker; printed twice: "Tổng sản lượng lương thực quy thóc Tổng sản
                # lượng lương thực quy thóc 2.350 tấn"
                "name": "Tổng sản lượng lương thực quy thóc",
                "unit": "tấn",
                "target": "2.350",
            },
            {
                "name": "Trong đó: sản lượng lúa",  # no marker
                "unit": "tấn",
                "target": "2.205",
            },
            {
                "name": "Chăn nuôi tăng",  # no marker; printed "tăng từ 10 - 11%"
                "unit": "%",
                "target": "10 - 11",
            },
            {
                "name": "Lâm nghiệp: trồng cây phân tán",  # no marker; "trồng 3 ngàn cây phân tán"
                "unit": "ngàn cây",
                "target": "3",
            },
            {
                # no marker; printed "15 ha rừng sản xuất, rừng ngập mặn" right after the
                # "Lâm nghiệp: trồng ..." item ("trồng" carried over)
                "name": "Lâm nghiệp: trồng rừng sản xuất, rừng ngập mặn",
                "unit": "ha",
                "target": "15",
            },
            {
                "name": "Sản lượng đánh bắt, nuôi trồng",  # no marker
                "unit": "tấn",
                "target": "3.400",
            },
            {
                "name": "Trong đó: sản lượng nuôi trồng",  # no marker
                "unit": "tấn",
                "target": "270",
            },
            {
                "name": "Thu ngân sách",  # no marker
                "unit": "tỷ đồng",
                "target": "19 đến 20",
            },
            {
                "name": "Trong đó: thu trên địa bàn",  # no marker
                "unit": "tỷ đồng",
                "target": "12 - 13",
            },
            {
                "name": "Thu nhập bình quân đầu người",  # no marker
                "unit": "triệu đồng/người/năm",
                "target": "56 - 57",
            },
            {"name": "Về văn hóa", "unit": "", "target": ""},  # - (group header)
            {
                "name": "Giữ vững thôn văn hóa",  # no marker; "Giữ vững 100% thôn văn hóa"
                "unit": "%",
                "target": "100",
            },
            {
                "name": "Hộ đạt gia đình văn hóa",  # no marker
                "unit": "%",
                "target": "95",
            },
            {
                "name": "Đạt gia đình thể thao",  # no marker; printed "56% đạt gia đình thể thao"
                "unit": "%",
                "target": "56",
            },
            {
                # no marker; printed "phấn đấu trường Mầm non, trường Tiểu học giữ vững đạt
                # chuẩn" (no figure: the target is the printed verb)
                "name": "Trường Mầm non, trường Tiểu học đạt chuẩn",
                "unit": "",
                "target": "Giữ vững",
            },
            {
                # no marker; printed "Trạm y tế giữ vững Chuẩn Quốc gia về y tế xã" (no figure)
                "name": "Trạm y tế đạt Chuẩn Quốc gia về y tế xã",
                "unit": "",
                "target": "Giữ vững",
            },
            {
                "name": "Hạ tỷ lệ phát triển dân số",  # no marker
                "unit": "%/năm",
                "target": "3",
            },
            {
                "name": "Sinh con thứ 3 giảm",  # no marker
                "unit": "%/năm",
                "target": "2",
            },
            {
                "name": "Hạ tỷ lệ suy dinh dưỡng",  # no marker
                "unit": "%/năm",
                "target": "1-2",
            },
            {
                "name": "Giảm tỷ lệ hộ nghèo, cận nghèo",  # no marker
                "unit": "%/năm",
                "target": "0,5",
            },
            {
                # no marker; "tạo điều kiện cho 300 - 350 lao động đi lao động trong và ngoài nước"
                "name": "Tạo điều kiện cho lao động đi lao động trong và ngoài nước",
                "unit": "lao động",
                "target": "300 - 350",
            },
            {
                "name": "Trong đó: xuất khẩu lao động",  # no marker; "từ 60 - 70 người"
                "unit": "người",
                "target": "60 - 70",
            },
            {
                "name": "Tỷ lệ người tham gia BHYT đạt 95% trở lên",  # no marker
                "unit": "%",
                "target": "95",
            },
            {"name": "Về xây dựng NTM", "unit": "", "target": ""},  # - (group header)
            {
                # no marker; printed "Giữ vững các khu dân cư đạt chuẩn NTM" (no figure)
                "name": "Các khu dân cư đạt chuẩn NTM",
                "unit": "",
                "target": "Giữ vững",
            },
            {
                # no marker; printed "xây dựng xã đạt xã nông thôn mới nâng cao" (no figure:
                # "Đạt" inferred from the wording)
                "name": "Xây dựng xã đạt xã nông thôn mới nâng cao",
                "unit": "",
                "target": "Đạt",
            },
            {
                # -; a bullet of its own, no figure ("Hoàn thành" inferred from the wording)
                "name": "Hoàn thành các chỉ tiêu về công tác cải cách hành chính",
                "unit": "",
                "target": "Hoàn thành",
            },
            {"name": "Công an - quân sự", "unit": "", "target": ""},  # - (group header)
            {
                # no marker; printed "giữ vững 100% đơn vị, thôn xóm ổn định chính trị, ..."
                "name": (
                    "Giữ vững đơn vị, thôn xóm ổn định chính trị, đảm bảo an toàn xã hội, "
                    "an toàn làm chủ sẵn sàng chiến đấu"
                ),
                "unit": "%",
                "target": "100",
            },
            {"name": "Về môi trường", "unit": "", "target": ""},  # - (group header)
            {
                "name": "Tỷ lệ chất thải rắn được thu gom",  # no marker; printed "đạt 97%"
                "unit": "%",
                "target": "97",
            },
            {
                "name": "Tỷ lệ hộ dân được sử dụng nước hợp vệ sinh trên 98%",  # no marker
                "unit": "%",
                "target": "98",
            },
        ],
        "awards_mentioned": [
            "Giấy khen của Chủ tịch UBND xã",  # inferred: "hình thức khen thưởng thuộc thẩm quyền"
            "Khen thưởng của UBND huyện (xã đề nghị)",
            "Khen thưởng của UBND tỉnh (xã đề nghị)",
            "Khen thưởng thành tích đột xuất",
            "Khen thưởng gương người tốt, việc tốt",
            "Tôn vinh danh hiệu và trao giải thưởng",
        ],
    },
    # ------------------------------------------------------------------ 001 Lương Phong
    {
        "slug": "luongphong",
        "name": "Lương Phong",
        "district": "Hiệp Hòa",  # "Ủy ban nhân dân huyện Hiệp Hòa"
        "province": "Bắc Giang",  # not in the plan text (only "Tỉnh ủy", "tỉnh")
        "seed_file": "001_fc9955cb1c1e0ac0.txt",
        # L263–267: "… (qua VP UBND xã)" (OCR "VP UBND x&")
        "standing_office": "Văn phòng UBND xã",
        "plan": {
            "number": "50/KH-UBND",
            "date": "2024-03-05",
            "kind": "annual",
            "title": "Phát động phong trào thi đua năm 2024",
            "theme": (
                "Đoàn kết, kỷ cương, đổi mới, sáng tạo thi đua thực hiện thắng lợi các mục "
                "tiêu, nhiệm vụ chính trị năm 2024, xây dựng quê hương Hiệp Hòa ngày càng "
                "phát triển giàu đẹp, văn minh"
            ),
        },
        "movement": {
            "name": "Phong trào thi đua yêu nước năm 2024",
            "starts_on": "2024-01-01",  # inferred: "ngay từ những tháng đầu năm"
            "ends_on": "2024-12-31",  # inferred: tổng kết năm 2024, no date printed
        },
        "periods": [
            # no đợt is dated; the plan asks for reports at "sơ kết 6 tháng đầu năm" and
            # "tổng kết công tác thi đua, khen thưởng năm 2024"
            {
                "name": "6 tháng đầu năm 2024 (sơ kết)",
                "starts_on": "2024-01-01",  # inferred
                "ends_on": "2024-06-30",  # inferred
            },
            {
                "name": "6 tháng cuối năm 2024 (tổng kết năm)",
                "starts_on": "2024-07-01",  # inferred
                "ends_on": "2024-12-31",  # inferred
            },
        ],
        "villages": [],  # plan only says "các thôn"
        "village_count": None,  # not in the plan text (external sources list 13 thôn)
        "schools": [
            # plan says "04 trường học ... đạt chuẩn quốc gia" without naming them
            "Trường Mầm non Lương Phong số 1",  # inferred: name from the school's website
            "Trường Tiểu học Lương Phong số 1",  # inferred: counterpart of "số 2"
            "Trường Tiểu học Lương Phong số 2",  # inferred: name from a Hiệp Hòa news page
            "Trường THCS Lương Phong",  # inferred: typical
        ],
        "health_station": "Trạm Y tế xã Lương Phong",  # printed "Trạm y tế xã" / "TYT"
        "mass_organisations": [
            "Ủy ban Mặt trận Tổ quốc xã",
            "Hội Liên hiệp Phụ nữ xã",  # inferred: plan only says "các tổ chức đoàn thể"
            "Hội Nông dân xã",  # inferred: plan only says "các tổ chức đoàn thể"
            "Hội Cựu chiến binh xã",  # inferred: plan only says "các tổ chức đoàn thể"
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",  # inferred: "các tổ chức đoàn thể"
        ],
        "sections": [
            "Văn phòng UBND xã",
            "Bộ phận Một cửa xã",
            "Văn hóa - Xã hội xã",  # printed "Công chức VHXH"
            "Đài Truyền thanh xã",
            "Công an xã",  # inferred: "đảm bảo an ninh chính trị và trật tự an toàn xã hội"
            "Ban Chỉ huy Quân sự xã",  # inferred: "tuyển chọn gọi công dân nhập ngũ"
        ],
        # II.2 "Các chỉ tiêu thi đua chủ yếu năm 2024" (seed lines 156-192): a numbered list,
        # no table. Items printing two or three figures are split into one row per figure
        # (same marker). Units are the words printed after the figure.
        "targets": [
            {"name": "Về kinh tế xã hội", "unit": "", "target": ""},  # 2.1 (group header)
            {
                # (1); printed "... là 1768 trd" (OCR of "trđ"; no thousands dot)
                "name": "Thu ngân sách trên địa bàn đạt và vượt chỉ tiêu giao",
                "unit": "trđ",
                "target": "1768",
            },
            {
                # (2); unit printed "fan" on a line of its own (OCR of "tấn")
                "name": "Tổng sản lượng lương thực có hạt đạt và vượt chỉ tiêu giao",
                "unit": "tấn",
                "target": "6670",
            },
            {
                # (3); printed "Giữ vững 04 trường học và Trạm y tế xã đạt chuẩn quốc gia":
                # the 04 counts the schools only
                "name": "Giữ vững trường học và Trạm y tế xã đạt chuẩn quốc gia",
                "unit": "trường học",
                "target": "04",
            },
            {
                "name": "Tỷ lệ người dân tham gia bảo hiểm y tế đạt từ 99,6% trở lên",  # (4)
                "unit": "%",
                "target": "99,6",
            },
            {
                # (5), first of three; printed "Có 85% số thôn trong xã đạt danh hiệu ..."
                "name": "Số thôn trong xã đạt danh hiệu “Làng văn hóa”",
                "unit": "%",
                "target": "85",
            },
            {
                # (5), second of three; printed "có 96,4% số hộ gia đình được công nhận ..."
                "name": "Số hộ gia đình được công nhận “Gia đình văn hóa”",
                "unit": "%",
                "target": "96,4",
            },
            {
                # (5), third of three; no figure ("Đạt" inferred from the wording)
                "name": "Xã Lương Phong đạt chuẩn văn hóa Nông thôn mới",
                "unit": "",
                "target": "Đạt",
            },
            {
                "name": "Số hộ thoát nghèo",  # (6), first of two; printed "Có 42 hộ thoát nghèo"
                "unit": "hộ",
                "target": "42",
            },
            {
                "name": "Tỷ lệ hộ nghèo",  # (6), second of two; printed "tỷ lệ hộ nghèo là 1,00%"
                "unit": "%",
                "target": "1,00",
            },
            {
                # (7); printed "99% hồ sơ tại Bộ phận 1 cửa xã được tiếp nhận ..."
                "name": "Hồ sơ tại Bộ phận 1 cửa xã được tiếp nhận và trả kết quả đúng quy định",
                "unit": "%",
                "target": "99",
            },
            {
                # (8); no figure ("Hoàn thành" inferred from the wording)
                "name": (
                    "Phối hợp với chủ đầu tư hoàn thành GPMB các dự án theo chỉ tiêu huyện giao"
                ),
                "unit": "",
                "target": "Hoàn thành",
            },
            {
                # (9), first of two; printed "Giải quyết xong 100% đơn thư tồn tại từ kỳ trước"
                "name": "Giải quyết xong đơn thư tồn tại từ kỳ trước",
                "unit": "%",
                "target": "100",
            },
            {
                "name": "Giải quyết xong 90% trở lên đơn thư mới phát sinh",  # (9), second of two
                "unit": "%",
                "target": "90",
            },
            {
                # (10); printed "Xử lý 100% các trường hợp vi phạm đất đai mới phát sinh ..."
                "name": (
                    "Xử lý các trường hợp vi phạm đất đai mới phát sinh và các trường hợp vi "
                    "phạm theo Chỉ thị 19"
                ),
                "unit": "%",
                "target": "100",
            },
            {
                # (11); no figure ("Không có" inferred from the wording)
                "name": "Không có điểm tồn lưu rác thải trên địa bàn xã",
                "unit": "",
                "target": "Không có",
            },
            # 2.2 (group header); dash as the OCR text has it ("Vé quéc phong — an ninh")
            {"name": "Về quốc phòng — an ninh", "unit": "", "target": ""},
            {
                # (1); no figure ("Đảm bảo" inferred from the wording)
                "name": "Đảm bảo an ninh chính trị và trật tự an toàn xã hội trên địa bàn xã",
                "unit": "",
                "target": "Đảm bảo",
            },
            {
                # (2)
                "name": (
                    "Hoàn thành công tác tuyển chọn gọi công dân nhập ngũ đạt 100% chỉ tiêu "
                    "huyện giao"
                ),
                "unit": "%",
                "target": "100",
            },
        ],
        "awards_mentioned": [
            "Giấy khen của Chủ tịch UBND xã",  # inferred: plan says "khen thưởng theo quy định"
            "Khen thưởng theo đợt",
            "Khen thưởng đột xuất",
            "Khen thưởng hộ gia đình vượt khó vươn lên",
            "Biểu dương gương người tốt, việc tốt",
        ],
    },
    # ------------------------------------------------------------------ 002 Sơn Tây
    {
        "slug": "sontay",
        "name": "Sơn Tây",
        # not in the plan text: Hương Sơn communes were split off in 1954 (70 năm 1954-2024),
        # and "Khu dân cư NTM kiểu mẫu, vườn mẫu" is the Hà Tĩnh programme
        "district": "Hương Sơn",  # not in the plan text
        "province": "Hà Tĩnh",  # not in the plan text
        "seed_file": "002_b6a69f5719453a9e.txt",
        # L111: "Giao Văn phòng theo dõi, đôn đốc, kiểm tra …"
        "standing_office": "Văn phòng UBND xã",
        # L27, L95: the thôn register their works "trước ngày 20/11/2023" (name, value, start
        # and end of each work); the plan prints no actual pledge.
        "registration": {
            "deadline": "2023-11-20",
            "unit_kinds": ["village"],
            "pledge": (
                "Công trình, phần việc chào mừng kỷ niệm 70 năm ngày chia tách, thành lập xã"
                " (tên công trình, giá trị, thời gian khởi công, thời gian hoàn thành)"
            ),  # inferred: the plan's requirement, not a real pledge
        },
        "plan": {
            "number": "",  # printed "Số: /KH-UBND" (number left blank)
            "date": "2023-11-01",
            "kind": "campaign",
            "title": (
                "Phát động đợt thi đua lập thành tích chào mừng kỷ niệm 70 năm ngày chia tách, "
                "thành lập xã (17/02/1954 - 17/02/2024)"
            ),
            "theme": (
                "Phát huy truyền thống quê hương anh hùng, thi đua lập nhiều thành tích chào "
                "mừng kỷ niệm 70 năm ngày chia tách, thành lập xã Sơn Tây"
            ),
        },
        "movement": {
            "name": "Thi đua chào mừng 70 năm ngày chia tách, thành lập xã Sơn Tây",
            "starts_on": "2023-11-10",
            "ends_on": "2024-01-30",
        },
        "periods": [
            {
                "name": (
                    "Đợt thi đua chào mừng kỷ niệm 70 năm ngày chia tách, thành lập xã "
                    "(17/02/1954 - 17/02/2024)"
                ),
                "starts_on": "2023-11-10",
                "ends_on": "2024-01-30",
            },
        ],
        "villages": [],  # plan does not name the thôn
        "village_count": 13,  # "Nơi nhận: - 13 thôn"
        "schools": [
            "Trường Mầm non Sơn Tây",  # inferred: typical; no school named in the plan
            "Trường Tiểu học Sơn Tây",  # inferred: typical; no school named in the plan
            "Trường THCS Sơn Tây",  # inferred: typical; no school named in the plan
        ],
        "health_station": "Trạm Y tế xã Sơn Tây",  # inferred: plan names no health station
        "mass_organisations": [
            "Ủy ban Mặt trận Tổ quốc xã",
            "Hội Liên hiệp Phụ nữ xã",  # inferred: plan only says "các đoàn thể chính trị"
            "Hội Nông dân xã",  # inferred: plan only says "các đoàn thể chính trị"
            "Hội Cựu chiến binh xã",  # inferred: plan only says "các đoàn thể chính trị"
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",  # inferred: "các đoàn thể chính trị"
        ],
        "sections": [
            "Văn phòng UBND xã",  # printed "Văn phòng"
            "Công an xã",
            "Ban Chỉ huy Quân sự xã",  # printed "Quân sự xã"
            "Văn hóa - Thông tin xã",
            "Tuyên giáo Đảng ủy xã",
        ],
        # II.2 "Thi đua xây dựng nông thôn mới" (seed line 47): the plan's only figures, one
        # running sentence with no marker ("Phấn đấu đến cuối năm 2023 đạt 01 khu dân cư kiểu
        # mẫu, năm 2024 đạt xã nông thôn mới nâng cao, có 02 thôn đạt Khu dân cư kiểu mẫu, 05
        # vườn mẫu. 01 sản phẩm ... OCOP năm 2024"). They reach past the đợt (ends 30/01/2024).
        # Units are the words printed after the figure.
        "targets": [
            {
                "name": "Đến cuối năm 2023 đạt khu dân cư kiểu mẫu",  # no marker
                "unit": "khu dân cư",
                "target": "01",
            },
            {
                # no marker; no figure ("Đạt" inferred from the wording)
                "name": "Năm 2024 đạt xã nông thôn mới nâng cao",
                "unit": "",
                "target": "Đạt",
            },
            {
                "name": "Năm 2024 có thôn đạt Khu dân cư kiểu mẫu",  # no marker
                "unit": "thôn",
                "target": "02",
            },
            {
                "name": "Năm 2024 có vườn mẫu",  # no marker; printed "05 vườn mẫu"
                "unit": "vườn mẫu",
                "target": "05",
            },
            {
                # no marker; printed "01 sản phẩm thực hiện đánh giá, ..."
                "name": "Sản phẩm thực hiện đánh giá, phân hạng sản phẩm OCOP năm 2024",
                "unit": "sản phẩm",
                "target": "01",
            },
        ],
        "awards_mentioned": [
            "Giấy khen của Chủ tịch UBND xã",  # inferred: plan only says "khen thưởng"
            "Khen thưởng tại Lễ kỷ niệm 70 năm thành lập xã (tháng 02/2024)",
            "Biểu dương tập thể, cá nhân tiêu biểu trong đợt thi đua",
        ],
    },
    # ------------------------------------------------------------------ 003 Đại Lãnh
    {
        "slug": "dailanh",
        "name": "Đại Lãnh",
        "district": "Vạn Ninh",  # "Chủ tịch Ủy ban nhân dân huyện Vạn Ninh"
        "province": "Khánh Hòa",  # "tỉnh Khánh Hòa"
        "seed_file": "003_f538be5a1881bfb8.txt",
        # L69: "Giao Công chức Văn phòng – Thống kê xã …"
        "standing_office": "Công chức Văn phòng – Thống kê xã",
        "plan": {
            "number": "",  # printed "Số: /KH-UBND" (number left blank)
            # printed "ngày   tháng 02 năm 2023": day blank, 1st used (the plan cites
            # Chỉ thị 02/CT-UBND of 07/02/2023, so it was really signed on or after 07/02)
            "date": "2023-02-01",
            "kind": "annual",
            "title": (
                "Về việc phát động phong trào “Thi đua thực hiện thắng lợi nhiệm vụ phát triển "
                "kinh tế - xã hội xã Đại Lãnh năm 2023”"
            ),
            "theme": "Thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội xã Đại Lãnh năm 2023",
        },
        "movement": {
            "name": "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2023",
            "starts_on": "2023-01-01",  # inferred: whole year 2023, no date printed
            "ends_on": "2023-12-31",  # inferred: whole year 2023, no date printed
        },
        "periods": [
            # no đợt is dated (the plan aims at 370 năm tỉnh Khánh Hòa and 75 năm Lời kêu gọi
            # thi đua ái quốc 11/6/2023 without fixing a đợt)
            {
                "name": "Năm 2023",
                "starts_on": "2023-01-01",  # inferred
                "ends_on": "2023-12-31",  # inferred
            },
        ],
        "villages": [],  # plan only says "các thôn"
        "village_count": None,  # not in the plan text
        "schools": [
            "Trường Mầm non Đại Lãnh",  # inferred: typical; no school named in the plan
            "Trường Tiểu học Đại Lãnh",  # inferred: typical; no school named in the plan
            "Trường THCS Đại Lãnh",  # inferred: typical; no school named in the plan
        ],
        "health_station": "Trạm Y tế xã Đại Lãnh",  # inferred: plan names no health station
        "mass_organisations": [
            "Ủy ban Mặt trận Tổ quốc Việt Nam xã",
            "Hội Liên hiệp Phụ nữ xã",  # inferred: plan only says "các đoàn thể xã"
            "Hội Nông dân xã",  # inferred: plan only says "các đoàn thể xã"
            "Hội Cựu chiến binh xã",  # inferred: plan only says "các đoàn thể xã"
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",  # inferred: "các đoàn thể xã"
        ],
        "sections": [
            "Văn phòng - Thống kê xã",  # printed "Công chức Văn phòng - Thống kê xã"
            "Văn hóa - Xã hội xã",  # printed "Công chức Văn hóa - Xã hội xã"
            "Đài Truyền thanh xã",
            "Ban Biên tập Trang thông tin điện tử xã",
            "Công an xã",  # inferred: plan speaks of "an ninh - quốc phòng" only
            "Ban Chỉ huy Quân sự xã",  # inferred: plan speaks of "an ninh - quốc phòng" only
        ],
        # the plan prints no chỉ tiêu: it only cites the "mục tiêu, chỉ tiêu phát triển kinh
        # tế - xã hội năm 2023" (seed line 39) of NQ 27/NQ-HĐND (line 13) without listing them
        "targets": [],
        "awards_mentioned": [
            "Giấy khen của Chủ tịch UBND xã",  # inferred: "khen thưởng theo thẩm quyền"
            "Đề nghị cấp trên khen thưởng",
            "Biểu dương, tôn vinh điển hình tiên tiến",
            "Biểu dương gương người tốt, việc tốt",
        ],
    },
    # ------------------------------------------------------------------ 004 Khuôn Lùng
    {
        "slug": "khuonlung",
        "name": "Khuôn Lùng",
        "district": "Xín Mần",  # not in the plan text (only "UBND huyện")
        "province": "Hà Giang",  # "tỉnh Hà Giang" (in the names of the movements)
        "seed_file": "004_bc4bcbfd4c592ac7.txt",
        "standing_office": "Công chức Văn hóa - Xã hội",  # not in the plan text
        # L108–118 "Cơ cấu giải thưởng phong trào thi đua năm 2024", for the thôn.
        "prizes": [
            {"name": "Giải nhất", "for": "village", "count": 1, "amount": 5_000_000},  # L112
            {"name": "Giải nhì", "for": "village", "count": 1, "amount": 3_000_000},  # L114
            {"name": "Giải ba", "for": "village", "count": 1, "amount": 1_000_000},  # L116
        ],
        "prizes_given_by": "Đảng ủy, Hội đồng nhân dân, Ủy ban nhân dân, Ủy ban MTTQ xã",  # L110
        "prizes_condition": "Nếu xã đạt giải thưởng cấp huyện",  # L118
        "plan": {
            "number": "",  # the text has no number/date header at all
            # inferred: undated "Chương trình"; it cites resolutions of 26 and 28/12/2023 and
            # runs from 01/01/2024
            "date": "2024-01-01",
            "kind": "annual",  # a "Chương trình" rather than a "Kế hoạch"
            "title": (
                "Phát động phong trào thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát "
                "triển kinh tế - xã hội năm 2024"
            ),
            "theme": "",  # no quoted chủ đề in the text
        },
        "movement": {
            "name": (
                "Thi đua thực hiện thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế - xã hội "
                "năm 2024"
            ),
            "starts_on": "2024-01-01",
            "ends_on": "2024-11-25",
        },
        "periods": [
            {
                "name": "6 tháng đầu năm 2024 (sơ kết)",
                # inferred start (movement start); sơ kết printed 15/6/2024 - 30/6/2024,
                # reports to the council before 25/6/2024
                "starts_on": "2024-01-01",
                "ends_on": "2024-06-30",
            },
            {
                "name": "Cuối năm 2024 (tổng kết)",
                # inferred start (day after sơ kết); tổng kết printed 15/11/2024 - 25/11/2024,
                # reports to the council before 10/12/2024
                "starts_on": "2024-07-01",
                "ends_on": "2024-11-25",
            },
        ],
        "villages": [],  # plan does not name the thôn bản
        "village_count": 6,  # "Nơi nhận: - 6/6 thôn bản"
        "schools": [
            "Trường Mầm non Khuôn Lùng",  # inferred: typical; plan only says "Trường học"
            "Trường Tiểu học Khuôn Lùng",  # inferred: typical; plan only says "Trường học"
            "Trường THCS Khuôn Lùng",  # inferred: typical; plan only says "Trường học"
        ],
        "health_station": "Trạm Y tế xã Khuôn Lùng",  # printed "Trạm y tế xã"
        "mass_organisations": [
            "Ủy ban Mặt trận Tổ quốc xã",
            "Hội Liên hiệp Phụ nữ xã",  # inferred: "các tổ chức chính trị - xã hội"
            "Hội Nông dân xã",  # inferred: "các tổ chức chính trị - xã hội"
            "Hội Cựu chiến binh xã",  # inferred: "các tổ chức chính trị - xã hội"
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã",  # inferred: "các tổ chức chính trị - xã hội"
        ],
        "sections": [
            "Bộ phận Một cửa xã",
            "Trang thông tin điện tử xã",
            "Công an xã",  # inferred: chỉ tiêu "an toàn về an ninh, trật tự"
            "Ban Chỉ huy Quân sự xã",  # inferred: chỉ tiêu "Công tác tuyển quân"
        ],
        "targets": [
            {
                "name": "Thu ngân sách nhà nước trên địa bàn",  # TT 1
                "unit": "Triệu đồng",
                "target": "54",
            },
            {
                "name": "Tỷ lệ giải ngân các nguồn vốn đầu tư",  # TT 2
                "unit": "%",
                "target": "100",
            },
            {
                "name": "Thu nhập bình quân đầu người",  # TT 3
                "unit": "Triệu đồng",
                "target": "38",
            },
            {
                "name": "Tổng diện tích gieo trồng cây hàng năm",  # TT 4
                "unit": "Ha",
                "target": "400,5",
            },
            {
                "name": "Tổng sản lượng lương thực có hạt",  # TT 5
                "unit": "Tấn",
                "target": "1.417",
            },
            {
                "name": "Tỷ trọng giá trị chăn nuôi/giá trị sản xuất nông nghiệp",  # TT 6
                "unit": "%",
                "target": "39",
            },
            {
                # TT 7; printed "cách tác"; ĐVT column empty
                "name": "Giá trị sản phẩm trồng trọt thu hoạch bình quân trên một đơn vị canh tác",
                "unit": "",
                "target": "59",
            },
            {
                "name": "Chỉ tiêu về cải tạo vườn tạp",  # TT 8 (group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Số hộ tối thiểu đạt 4 tiêu chí/tổng số hộ thực hiện cải tạo vườn tạp",  # -
                "unit": "Hộ",
                "target": "69",
            },
            {
                # -; row split over a page break in the text
                "name": (
                    "Số lượng thực phẩm, rau xanh cải tạo vườn tạp cung cấp cho các đơn vị "
                    "trường học trên địa bàn"
                ),
                "unit": "Tấn",
                "target": "3",
            },
            {
                "name": "Chỉ tiêu về Nông thôn mới",  # TT 9 (group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Số tiêu chí thôn NTM tăng trong năm",  # -
                "unit": "Tiêu chí",
                "target": "1",
            },
            {
                "name": "Số thôn đạt từ 10 tiêu chí trở lên",  # -
                "unit": "Thôn",
                "target": "1",
            },
            {
                # -; closing quote missing in the text
                "name": (
                    "Tuyến đường NTM kiểu mẫu đạt chuẩn theo tiêu chí “sáng - xanh - sạch - đẹp”"
                ),
                "unit": "Mét",
                "target": "1.400",
            },
            {
                "name": "Xây dựng 01 điểm trụ sở thôn, nhóm hộ kiểu mẫu về nông thôn mới",  # -
                "unit": "Đạt",
                "target": "Đạt",
            },
            {
                "name": "Chỉ tiêu về văn hóa - xã hội",  # TT 10 (group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Đảm bảo tỷ lệ huy động trẻ trong độ tuổi đến trường",  # -
                "unit": "%",
                "target": "99",
            },
            {
                # -
                "name": "Tổ chức hội thi, cuộc thi văn nghệ, thể thao tại xã từ 2 cuộc trở lên",
                "unit": "Cuộc",
                "target": "4",
            },
            {
                # -
                "name": (
                    "Xã xây dựng từ 01 mô hình, câu lạc bộ, nhóm sở thích luyện tập các môn "
                    "thể thao."
                ),
                "unit": "Mô hình",
                "target": "1",
            },
            {
                "name": "Số hộ nghèo giảm trong năm",  # -
                "unit": "Hộ",
                "target": "40",
            },
            {
                # -; printed "gia đình văn hóa văn hóa"
                "name": "Số hộ gia đình được công nhận gia đình văn hóa",
                "unit": "Hộ",
                "target": "578",
            },
            {
                "name": "Số thôn, tổ dân phố được công nhận làng văn hóa",  # -
                "unit": "Thôn",
                "target": "6",
            },
            {
                "name": "Chỉ tiêu Giáo dục",  # - (sub-group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Tỷ lệ huy động trẻ 5 tuổi đến lớp",  # +
                "unit": "%",
                "target": "97,5",
            },
            {
                "name": "Tỷ lệ huy động trẻ 6 tuổi đi học lớp 1",  # +
                "unit": "%",
                "target": "100",
            },
            {
                "name": "Tỷ lệ huy động trẻ 6-14 tuổi đến trường",  # +
                "unit": "%",
                "target": "99",
            },
            {
                "name": "Chỉ tiêu y tế",  # - (sub-group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng giảm còn (theo cân nặng)",  # +
                "unit": "%",
                "target": "15,9",
            },
            {
                "name": "Hàng năm, tỷ lệ trẻ em dưới 1 tuổi tiêm đủ các loại vắc xin",  # +
                "unit": "%",
                "target": "96",
            },
            {
                "name": "Đào tạo nghề cho lao động nông thôn",  # - (sub-group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Đào tạo nghề tại chỗ (tại xã) cho lao động nông thôn",  # +
                "unit": "Học viên",
                "target": "35",
            },
            {
                # +
                "name": (
                    "Số lao động được đào tạo tại các đơn vị đào tạo ngoài tỉnh đã ký kết với huyện"
                ),
                "unit": "Học viên",
                "target": "02",
            },
            {
                "name": "Số lao động được giải quyết việc làm trong năm",  # +
                "unit": "LĐ",
                "target": "83",
            },
            {
                "name": "Chỉ tiêu về Quốc phòng - an ninh",  # TT 11 (group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Công tác tuyển quân",  # -
                "unit": "Đạt",
                "target": "Đạt",
            },
            {
                # -; printed "Phân đấu"
                "name": "Phấn đấu xã, thị trấn đạt tiêu chuẩn “an toàn về an ninh, trật tự”",
                "unit": "Đạt",
                "target": "Đạt",
            },
            {
                # -
                "name": "Đảm bảo ATGT giảm 3 tiêu chí, số vụ, số người chết, số người bị thương",
                "unit": "Giảm 3 tiêu chí",
                "target": "Đạt",
            },
            {
                "name": "Chỉ tiêu về CCHC, chuyển đổi số",  # TT 12 (group header); "chuyên đổi"
                "unit": "",
                "target": "",
            },
            {
                "name": "Không để xảy ra cán bộ, công chức vi phạm kỷ luật",  # -
                "unit": "Không xảy ra",
                "target": "Không xảy ra",
            },
            {
                # -
                "name": (
                    "Thực hiện tiếp nhận và trả kết quả hồ sơ thủ tục hành chính đúng và "
                    "trước hạn đạt từ 100% trở lên"
                ),
                "unit": "%",
                "target": "100",
            },
            {
                # -
                "name": (
                    "Thực hiện tiếp nhận và trả kết quả hồ sơ thủ tục hành chính trực tuyến "
                    "từ 70% trở lên/ tổng số hồ sơ tiếp nhận trong năm"
                ),
                "unit": "%",
                "target": "70",
            },
            {
                # -
                "name": (
                    "Thực hiện 100% phiếu xin lỗi người dân đối với hồ sơ thủ tục hành chính "
                    "trả quá hạn"
                ),
                "unit": "%",
                "target": "100",
            },
            {
                # -
                "name": (
                    "Văn bản phát hành của xã, thị trấn dưới dạng điện tử đúng luồng và có "
                    "ký số từ 100% trở lên (trừ văn bản mật)"
                ),
                "unit": "%",
                "target": "100",
            },
            {
                # -
                "name": (
                    "Thực hiện đầy đủ, kịp thời chế độ báo cáo chính phủ các quý, năm trên "
                    "trang web: Baocaochinhphu.gov.vn"
                ),
                "unit": "Số lần",
                "target": "04",
            },
            {
                # -
                "name": (
                    "Tỷ lệ thanh toán trực tuyến trên (Cổng Dịch vụ công quốc gia, Cổng dịch "
                    "vụ công của tỉnh) trên tổng, số giao dịch có yêu cầu nghĩa vụ tài chính "
                    "(phí/lệ phí, thuế, ...) đạt trên 60%"
                ),
                "unit": "%",
                "target": "60",
            },
            {
                "name": "Tỷ lệ người dân được tuyên truyền, đào tạo kỹ năng chuyển đổi số",  # -
                "unit": "%",
                "target": "50",
            },
            {
                # -
                "name": (
                    "Số thủ tục hành chính được cấu hình đúng quy trình giải quyết và đồng bộ "
                    "trên dịch vụ công quốc gia"
                ),
                "unit": "%",
                "target": "100",
            },
            {
                "name": "Tỷ lệ số hóa hồ sơ TTHC trên Cổng dịch vụ công quốc gia.",  # -
                "unit": "%",
                "target": "100",
            },
            {
                "name": "Thi đua xây dựng Đảng",  # TT 13 (group header)
                "unit": "",
                "target": "",
            },
            {
                "name": "Tỷ lệ TCCS Đảng hoàn thành xuất sắc nhiệm vụ",  # -
                "unit": "%",
                "target": "90",
            },
            {
                "name": "Tỷ lệ TCCS Đảng hoàn thành tốt nhiệm vụ",  # -
                "unit": "%",
                "target": "80",
            },
            {
                "name": "Công tác thi đua khen thưởng",  # TT 14 (group header)
                "unit": "",
                "target": "",
            },
            {
                # -
                "name": (
                    "Ban hành kế hoạch, chương trình tổ chức, triển khai các phong trào thi "
                    "đua thường xuyên, chuyên đề của Trung ương, huyện, xã"
                ),
                "unit": "Xếp loại",
                "target": "Tốt",
            },
            {
                "name": "Số điển hình được phát hiện mới",  # -
                "unit": "Số lượng",
                "target": "3",
            },
            {
                "name": "Số điển hình được nhân rộng trên địa bàn",  # -
                "unit": "Số lượng",
                "target": "5",
            },
            {
                # -
                "name": (
                    "Thực hiện chế độ thông tin báo cáo công tác thi đua khen thưởng, quý, "
                    "năm hoặc chuyên đề, đột xuất"
                ),
                "unit": "Xếp loại",
                "target": "Tốt",
            },
        ],
        "awards_mentioned": [
            "Giấy khen của UBND xã",  # printed "đề nghị UBND xã tặng giấy khen"
            "Danh hiệu thi đua theo quy định",
            "Giải nhất cho thôn: 5.000.000 đồng",
            "Giải nhì cho thôn: 3.000.000 đồng",
            "Giải ba cho thôn: 1.000.000 đồng",
        ],
    },
]
