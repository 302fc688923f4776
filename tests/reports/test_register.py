"""The award register (issue 24 part 3): every award of the commune and of the communes it
continues, filtered by year, award, unit, person and kind; prize totals by year and source;
the same rows in the XLSX; a fixed number of queries per page."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from councils.models import Succession
from nominations.models import AwardRecord
from tests import factories

pytestmark = pytest.mark.django_db

D = datetime.date


def _award(nominee: dict, code: str, year: int, issuer, *, prize=None, source="decision"):
    return AwardRecord.objects.create(
        **nominee,
        award_type=factories.award(code),
        year=year,
        decision_number=f"{next(factories._seq)}/QĐ-UBND",
        decision_date=D(year, 12, 20),
        issuing_authority=issuer,
        issuing_authority_name=issuer.full_name,
        source=source,
        prize_amount=prize,
    )


@pytest.fixture
def register(world):
    """Three years of the commune's awards, and the awards of a commune it took over on
    01/07/2025."""
    former = factories.authority(parent=world.district, valid_to=D(2025, 6, 30))
    Succession.objects.create(
        predecessor=former, successor=world.commune, on=D(2025, 7, 1), kind="merge"
    )
    old_unit = factories.unit(former)
    an, binh = (
        factories.person(world.unit, full_name="Lê Văn An"),
        factories.person(world.other_unit, full_name="Phạm Thị Bình"),
    )
    return {
        "an_2024": _award({"person": an}, "lao-dong-tien-tien", 2024, world.commune,
                          prize=745_000),
        "an_2025": _award({"person": an}, "chien-si-thi-dua-co-so", 2025, world.commune,
                          prize=1_490_000),
        "binh_2025": _award({"person": binh}, "lao-dong-tien-tien", 2025, world.commune,
                            prize=745_000),
        "village_2025": _award({"collective": world.unit}, "tap-the-lao-dong-tien-tien", 2025,
                               world.commune, prize=1_117_500, source="legacy"),
        "former_2023": _award({"person": factories.person(old_unit, full_name="Đỗ Văn Cũ")},
                              "lao-dong-tien-tien", 2023, former, prize=700_000),
    }  # fmt: skip


def _listed(response) -> set[int]:
    return {record.pk for record in response.context["page"]}


def test_the_register_holds_the_awards_of_the_commune_and_those_it_continues(
    client, world, register
):
    client.force_login(world["auditor"])
    response = client.get(reverse("reports:register"))
    assert response.status_code == 200
    assert _listed(response) == {r.pk for r in register.values()}
    assert register["former_2023"].unit.authority.valid_to == D(2025, 6, 30)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"year": 2025}, {"an_2025", "binh_2025", "village_2025"}),
        ({"name": "an"}, {"an_2024", "an_2025"}),
        ({"group": "collective"}, {"village_2025"}),
        ({"source": "legacy"}, {"village_2025"}),
        ({"decided_from": "01/01/2025", "decided_to": "31/12/2025"},
         {"an_2025", "binh_2025", "village_2025"}),
    ],
)  # fmt: skip
def test_each_filter_narrows_the_register(client, world, register, query, expected):
    client.force_login(world["standing_office"])
    response = client.get(reverse("reports:register"), query)
    assert _listed(response) == {register[key].pk for key in expected}


def test_filter_by_award_and_unit(client, world, register):
    client.force_login(world["standing_office"])
    by_award = client.get(
        reverse("reports:register"), {"award_type": factories.award("lao-dong-tien-tien").pk}
    )
    assert _listed(by_award) == {register[k].pk for k in ("an_2024", "binh_2025", "former_2023")}
    by_unit = client.get(reverse("reports:register"), {"unit": world.other_unit.pk})
    assert _listed(by_unit) == {register["binh_2025"].pk}


def test_bad_dates_are_refused_with_a_message_and_list_nothing(client, world, register):
    client.force_login(world["standing_office"])
    response = client.get(
        reverse("reports:register"), {"decided_from": "31/12/2025", "decided_to": "01/01/2025"}
    )
    assert response.status_code == 200
    assert "Ngày kết thúc trước ngày bắt đầu." in response.content.decode()
    assert _listed(response) == set()


def test_prize_totals_by_year_and_source(client, world, register):
    client.force_login(world["auditor"])
    totals = client.get(reverse("reports:register")).context["totals"]
    assert [(t.year, t.source, t.awards, t.prize) for t in totals] == [
        (2025, "decision", 2, 1_490_000 + 745_000),
        (2025, "legacy", 1, 1_117_500),
        (2024, "decision", 1, 745_000),
        (2023, "decision", 1, 700_000),
    ]


def test_the_xlsx_has_every_filtered_row_and_the_totals(client, world, register):
    client.force_login(world["auditor"])
    response = client.get(reverse("reports:register_xlsx"), {"year": 2025})
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(min_row=3, values_only=True))
    assert sorted(r[6] for r in rows) == sorted(
        register[k].decision_number for k in ("an_2025", "binh_2025", "village_2025")
    )
    assert rows[0][7] == datetime.datetime(2025, 12, 20)  # a real date, shown dd/mm/yyyy
    assert book.worksheets[0].cell(3, 8).number_format == "DD/MM/YYYY"
    summary = list(book.worksheets[1].iter_rows(min_row=2, values_only=True))
    assert summary == [(2025, "Quyết định ban hành trên hệ thống", 2, 2_235_000),
                       (2025, "Khen thưởng trước khi dùng hệ thống", 1, 1_117_500)]  # fmt: skip


def test_a_unit_head_does_not_read_the_register(client, world, register):
    client.force_login(world["unit_head"])
    assert client.get(reverse("reports:register")).status_code == 403
    assert client.get(reverse("reports:register_xlsx")).status_code == 403


def test_the_register_page_reads_a_fixed_number_of_queries(
    client, world, register, django_assert_max_num_queries
):
    client.force_login(world["standing_office"])
    client.get(reverse("reports:register"))
    for year in range(2000, 2040):
        _award({"person": factories.person(world.unit)}, "lao-dong-tien-tien", year,
               world.commune, prize=1)  # fmt: skip
    with django_assert_max_num_queries(18):
        assert client.get(reverse("reports:register")).status_code == 200


def test_filter_by_kind_of_award(client, world, register):
    AwardRecord.objects.filter(pk=register["binh_2025"].pk).update(kind="ad_hoc")
    client.force_login(world["standing_office"])
    response = client.get(reverse("reports:register"), {"award_kind": "ad_hoc"})
    assert _listed(response) == {register["binh_2025"].pk}
