"""Benchmark the papers and the Excel import on a scratch database (figures printed, never
asserted): a decision with N awardees approved, rendered to DOCX and printed to PDF, and an
Excel list of M rows read and checked.

`make bench` runs it on a throwaway SQLite file; it refuses a database with nominations.
"""

from __future__ import annotations

import datetime
import io
import json
import time
import uuid
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from openpyxl import Workbook

from accounts.models import User
from core import clock
from councils.map import map_load
from councils.models import Authority, Membership, Unit
from nominations.documents.contexts import decision_context
from nominations.documents.rendering import docx_to_pdf, render_docx, template_for
from nominations.documents.services import document_generate
from nominations.imports import HEADERS, rows_check, rows_from_xlsx
from nominations.ledger_import import HEADERS as LEDGER_HEADERS
from nominations.ledger_import import ledger_import, ledger_rows_check, ledger_rows_from_xlsx
from nominations.models import AwardType, Movement, Nomination, Period, Person
from workflow.services import nominations_approve


class Command(BaseCommand):
    help = "Đo thời gian tạo văn bản và kiểm tra tệp Excel trên một cơ sở dữ liệu thử."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--awardees", type=int, default=500)
        parser.add_argument("--rows", type=int, default=5_000)
        parser.add_argument(
            "--figures", help="a JSON figures file to add these to, under 'documents'"
        )

    def handle(self, *args, awardees: int, rows: int, figures: str | None, **options) -> None:
        measured = self._measure(awardees, rows)
        if figures:
            path = Path(figures)
            whole = json.loads(path.read_text()) if path.exists() else {}
            whole["documents"] = measured
            path.write_text(json.dumps(whole, indent=2, ensure_ascii=False))

    def _measure(self, awardees: int, rows: int) -> dict:
        if Nomination.objects.exists():
            raise CommandError("Cơ sở dữ liệu đã có hồ sơ: chỉ chạy trên cơ sở dữ liệu thử.")
        unit, period, chairman, head = self._commune()
        figures = {"awardees": awardees, "rows": rows}

        waiting = self._awaiting(unit, period, awardees)
        started = time.perf_counter()
        decision = nominations_approve(
            nominations=waiting, actor=chairman, number="1/QĐ-UBND", issued_on=clock.today()
        )
        figures["approve_s"] = time.perf_counter() - started

        template = template_for("decision", unit.authority)
        started = time.perf_counter()
        docx = render_docx(template, decision_context(decision))
        figures["docx_s"] = time.perf_counter() - started
        started = time.perf_counter()
        docx_to_pdf(docx)
        figures["pdf_s"] = time.perf_counter() - started
        started = time.perf_counter()
        document_generate(
            kind="decision", subject_id=decision.pk, actor=chairman, request_id=uuid.uuid4()
        )
        figures["generate_and_store_s"] = time.perf_counter() - started

        upload = self._sheet(unit, period, rows)
        started = time.perf_counter()
        parsed = rows_from_xlsx(upload)
        figures["xlsx_read_s"] = time.perf_counter() - started
        started = time.perf_counter()
        checked = rows_check(parsed, head)
        figures["rows_check_s"] = time.perf_counter() - started
        figures["rows_valid"] = sum(row.valid for row in checked)

        figures.update(self._ledger(unit, period.movement.authority, rows))

        # The whole official map: 34 provinces and 3,321 communes, with the units before the
        # reform and their successions.
        started = time.perf_counter()
        loaded = map_load(province_codes=None, legacy=True)
        figures["map_all_s"] = time.perf_counter() - started
        figures["map_communes"] = loaded.created["xã, phường, đặc khu"]
        figures["map_successions"] = loaded.successions

        self.stdout.write(f"Quyết định với {awardees} người được khen thưởng:")
        self.stdout.write(f"  phê duyệt (dịch vụ)   {figures['approve_s']:8.2f} s")
        self.stdout.write(f"  DOCX từ mẫu           {figures['docx_s']:8.2f} s")
        self.stdout.write(f"  PDF (LibreOffice)     {figures['pdf_s']:8.2f} s")
        self.stdout.write(f"  tạo và lưu (cả hai)   {figures['generate_and_store_s']:8.2f} s")
        self.stdout.write(f"Nhập Excel {rows} dòng ({figures['rows_valid']} hợp lệ):")
        self.stdout.write(f"  đọc tệp               {figures['xlsx_read_s']:8.2f} s")
        self.stdout.write(f"  kiểm tra từng dòng    {figures['rows_check_s']:8.2f} s")
        self.stdout.write(
            f"Nhập sổ khen thưởng {rows} dòng ({figures['ledger_rows_valid']} hợp lệ, "
            f"{figures['ledger_rows_ambiguous']} cần chọn người):"
        )
        self.stdout.write(f"  đọc tệp               {figures['ledger_xlsx_read_s']:8.2f} s")
        self.stdout.write(f"  kiểm tra, nhận người  {figures['ledger_rows_check_s']:8.2f} s")
        self.stdout.write(f"  ghi vào sổ            {figures['ledger_import_s']:8.2f} s")
        self.stdout.write(
            f"Bản đồ hành chính cả nước ({figures['map_communes']} xã mới, "
            f"{figures['map_successions']} quan hệ kế thừa):"
        )
        self.stdout.write(f"  nạp                   {figures['map_all_s']:8.2f} s")
        self.stdout.write("JSON " + json.dumps(figures, sort_keys=True))
        return figures

    def _ledger(self, unit: Unit, commune: Authority, count: int) -> dict:
        """Earlier awards for `count` rows: a third matched by CCCD, a third by name and birth
        year (one in fifty fits two people), a third new people."""
        office = User.objects.create_user("bench.thuongtruc", full_name="Lê Văn Sổ")
        Membership.objects.create(
            user=office, role=Membership.Role.STANDING_OFFICE, authority=commune,
            valid_from=datetime.date(2020, 1, 1),
        )  # fmt: skip
        known = count // 3
        Person.objects.bulk_create(
            Person(unit=unit, full_name=f"Người Sổ {i}", gender="male", birth_year=1970 + i % 30,
                   personal_id=f"{i:012d}" if i % 2 == 0 else "")
            for i in range(known)
        )  # fmt: skip
        Person.objects.bulk_create(
            Person(unit=unit, full_name=f"Người Sổ {i}", gender="male", birth_year=1970 + i % 30)
            for i in range(1, known, 50)
        )  # fmt: skip
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Khen thưởng đã có")
        sheet.append(LEDGER_HEADERS)
        for i in range(count):
            personal_id = f"{i:012d}" if i < known and i % 2 == 0 else ""
            sheet.append(["Cá nhân", f"Người Sổ {i}", personal_id, 1970 + i % 30, "Nam",
                          unit.name, "Chiến sĩ thi đua cơ sở", 2020 + i % 4, "",
                          f"{i}/QĐ-UBND", f"20/12/{2020 + i % 4}", "UBND huyện Đo",
                          "1.800.000"])  # fmt: skip
        upload = io.BytesIO()
        book.save(upload)
        upload.seek(0)
        figures = {}
        started = time.perf_counter()
        parsed = ledger_rows_from_xlsx(upload)
        figures["ledger_xlsx_read_s"] = time.perf_counter() - started
        started = time.perf_counter()
        checked = ledger_rows_check(parsed, office)
        figures["ledger_rows_check_s"] = time.perf_counter() - started
        valid = [row for row in checked if row.valid]
        figures["ledger_rows_valid"] = len(valid)
        figures["ledger_rows_ambiguous"] = sum(row.ambiguous for row in checked)
        started = time.perf_counter()
        ledger_import(rows=valid, actor=office)
        figures["ledger_import_s"] = time.perf_counter() - started
        return figures

    def _commune(self) -> tuple[Unit, Period, User, User]:
        province = Authority.objects.create(
            code="bench-tinh", name="Thử", admin_type="tỉnh", level="province"
        )
        commune = Authority.objects.create(
            code="bench-xa", name="Đo Lường", admin_type="xã", level="commune", parent=province
        )
        unit = Unit.objects.create(authority=commune, name="Thôn Một", kind=Unit.Kind.VILLAGE)
        today = clock.today()
        year = (datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31))
        movement = Movement.objects.create(
            authority=commune, name="Phong trào đo", kind=Movement.Kind.REGULAR,
            starts_on=year[0], ends_on=year[1],
        )  # fmt: skip
        period = Period.objects.create(
            movement=movement,
            name=f"Năm {today.year}",
            kind=Period.Kind.YEAR,
            starts_on=year[0],
            ends_on=year[1],
        )
        since = datetime.date(2020, 1, 1)
        chairman = User.objects.create_user("bench.chutich", full_name="Nguyễn Văn Đo")
        head = User.objects.create_user("bench.truongthon", full_name="Trần Thị Lường")
        Membership.objects.create(
            user=chairman, role=Membership.Role.CHAIRMAN, authority=commune, valid_from=since
        )
        Membership.objects.create(
            user=head, role=Membership.Role.UNIT_HEAD, authority=commune, unit=unit,
            valid_from=since,
        )  # fmt: skip
        return unit, period, chairman, head

    def _awaiting(self, unit: Unit, period: Period, count: int) -> list[Nomination]:
        """Nominations ready for the chairman, written in bulk: set-up, not measured."""
        people = Person.objects.bulk_create(
            Person(unit=unit, full_name=f"Người Thứ {i}", gender="female") for i in range(count)
        )
        award = AwardType.objects.get(code="lao-dong-tien-tien")
        return Nomination.objects.bulk_create(
            Nomination(
                proposing_unit=unit, nominee_kind="individual", person=person,
                award_type=award, period=period, achievements="Hoàn thành xuất sắc.",
                current_authority=unit.authority, state=Nomination.State.AWAITING_DECISION,
            )
            for person in people
        )  # fmt: skip

    def _sheet(self, unit: Unit, period: Period, count: int) -> io.BytesIO:
        book = Workbook(write_only=True)
        sheet = book.create_sheet("Danh sách đề nghị")
        sheet.append(HEADERS)
        for i in range(count):
            sheet.append(["Cá nhân", f"Người Nhập {i}", "Nữ", 1980 + i % 30, "Nông dân",
                          unit.name, "Lao động tiên tiến", period.name,
                          "Hoàn thành xuất sắc nhiệm vụ."])  # fmt: skip
        out = io.BytesIO()
        book.save(out)
        out.seek(0)
        return out
