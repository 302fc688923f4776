"""The papers and import benchmark: it runs at a tiny scale and prints every figure."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_the_bench_refuses_a_database_that_holds_nominations(world):
    world.nomination()
    with pytest.raises(CommandError):
        call_command("documents_bench", awardees=2, rows=3, stdout=io.StringIO())


def test_a_tiny_run_prints_its_figures_and_adds_them_to_the_figures_file(tmp_path):
    figures_file = tmp_path / "figures.json"
    figures_file.write_text(json.dumps({"pages": {"home/tasks": {}}}))
    out = io.StringIO()
    call_command("documents_bench", awardees=3, rows=4, figures=str(figures_file), stdout=out)
    text = out.getvalue()
    for label in ("phê duyệt", "DOCX từ mẫu", "PDF (LibreOffice)", "tạo và lưu",
                  "đọc tệp", "kiểm tra từng dòng"):  # fmt: skip
        assert label in text, label
    figures = json.loads(text.split("JSON ", 1)[1])
    assert (figures["awardees"], figures["rows"], figures["rows_valid"]) == (3, 4, 4)
    for key in ("approve_s", "docx_s", "pdf_s", "generate_and_store_s", "xlsx_read_s",
                "rows_check_s"):  # fmt: skip
        assert figures[key] > 0, key
    whole = json.loads(figures_file.read_text())
    assert whole["pages"] == {"home/tasks": {}}  # what the province bench wrote is kept
    assert whole["documents"] == figures
