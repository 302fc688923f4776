"""The nomination pages, driven through Django's test client."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from councils.models import Membership
from nominations.models import Attachment, Household, Nomination, Person
from tests import factories

S = Nomination.State
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _create(client, world) -> Nomination:
    person = factories.person(world.unit)
    response = client.post(
        reverse("nominations:new"),
        {
            "unit": world.unit.pk,
            "nominee_kind": "individual",
            "person": person.pk,
            "award_type": factories.award("lao-dong-tien-tien").pk,
            "period": world.period.pk,
            "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2026.",
        },
    )
    assert response.status_code == 302
    return Nomination.objects.get(person=person)


def _attach(
    client,
    nomination,
    document="to_trinh",
    content=PDF,
    name="to-trinh.pdf",
    kind="application/pdf",
):
    return client.post(
        reverse("nominations:attach", args=[nomination.pk]),
        {"document": document, "file": SimpleUploadedFile(name, content, kind)},
        follow=True,
    )


def test_a_unit_head_drafts_attaches_and_submits(client, world):
    client.force_login(world["unit_head"])
    nomination = _create(client, world)
    assert nomination.state == S.DRAFT
    assert AuditEvent.objects.filter(action="nomination.create").count() == 1
    for document in ("to_trinh", "danh_sach", "bien_ban_binh_xet"):
        assert "Đã đính kèm" in _attach(client, nomination, document).content.decode()
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert 'aria-current="step"' in page
    assert "Gửi hồ sơ" in page
    client.post(reverse("nominations:act", args=[nomination.pk, "submit"]))
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "Hạn" in page


def test_uploads_are_checked_by_size_and_content(client, world, settings):
    client.force_login(world["unit_head"])
    nomination = _create(client, world)
    page = _attach(client, nomination, content=b"MZ\x90\x00 not a scan", name="virus.pdf")
    assert "là một chương trình chạy được" in page.content.decode()
    settings.UPLOAD_MAX_BYTES = 10
    page = _attach(client, nomination)
    assert "Tệp quá lớn" in page.content.decode()
    assert not Attachment.objects.exists()


def test_a_unit_head_of_another_unit_gets_404(client, world):
    client.force_login(world["unit_head"])
    nomination = _create(client, world)
    client.force_login(world["other_unit_head"])
    for url in (
        reverse("nominations:detail", args=[nomination.pk]),
        reverse("nominations:edit", args=[nomination.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Không tìm thấy" in response.content.decode()
    response = client.post(reverse("nominations:act", args=[nomination.pk, "withdraw"]))
    assert response.status_code == 404


def test_a_refused_action_keeps_what_was_typed(client, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    response = client.post(
        reverse("nominations:act", args=[nomination.pk, "approve"]),
        {"number": "77/QĐ-UBND", "issued_on": ""},
        follow=True,
    )
    page = response.content.decode()
    assert "cần nhập Ngày ký (dd/mm/yyyy)" in page  # asked before any confirmation
    assert 'value="77/QĐ-UBND"' in page
    nomination.refresh_from_db()
    assert nomination.state == S.AWAITING_DECISION


def test_the_office_returns_with_a_reason_and_the_unit_edits_and_resubmits(client, world):
    nomination = world.nomination(state=S.SUBMITTED)
    client.force_login(world["standing_office"])
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "Kiểm tra điều kiện" in page
    assert "Thiếu giấy tờ bắt buộc" in page
    response = client.post(
        reverse("nominations:act", args=[nomination.pk, "return"]), {"reason": ""}, follow=True
    )
    assert "cần nhập Lý do, nội dung" in response.content.decode()
    client.post(
        reverse("nominations:act", args=[nomination.pk, "return"]), {"reason": "Thiếu biên bản"}
    )
    client.force_login(world["unit_head"])
    # The unit head reads why, at the top, and which papers are still missing.
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    top = page.split('id="returned-reason"')[1].split("</article>")[0]
    assert "Thiếu biên bản" in top
    papers = page.split('aria-labelledby="papers-title"')[1].split("</ul>")[0]
    assert papers.count("bắt buộc, chưa có") == 3
    response = client.post(
        reverse("nominations:edit", args=[nomination.pk]),
        {"achievements": "Đã bổ sung biên bản bình xét."},
    )
    assert response.status_code == 302
    # Sent back without its papers: refused with the list, nothing changed.
    refused = client.post(
        reverse("nominations:act", args=[nomination.pk, "resubmit"]), follow=True
    ).content.decode()
    assert "Chưa gửi được: hồ sơ chưa đủ giấy tờ bắt buộc." in refused
    assert "Thiếu giấy tờ bắt buộc: Biên bản họp bình xét." in refused
    nomination.refresh_from_db()
    assert nomination.state == S.RETURNED
    world.attach_required_documents(nomination)
    client.post(reverse("nominations:act", args=[nomination.pk, "resubmit"]))
    nomination.refresh_from_db()
    assert (nomination.state, nomination.achievements) == (
        S.SUBMITTED,
        "Đã bổ sung biên bản bình xét.",
    )


def test_the_chairman_approves_into_a_decision_from_the_page(client, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    client.post(
        reverse("nominations:act", args=[nomination.pk, "approve"]),
        {"number": "78/QĐ-UBND", "issued_on": "20/11/2026", "confirmed": "yes"},
    )
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert "78/QĐ-UBND" in page
    assert "20/11/2026" in page
    assert "760.000 đ" in page


def test_the_list_filters_and_costs_the_same_for_more_rows(
    client, world, django_assert_max_num_queries
):
    client.force_login(world["standing_office"])
    url = reverse("nominations:list")

    def cost(query) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, query)
        assert response.status_code == 200
        return len(captured)

    world.nomination(state=S.SUBMITTED)
    small = cost({"state": "submitted"})
    for state in list(S)[:10] * 4:
        world.nomination(state=state)
    assert cost({"state": "submitted"}) == small
    response = client.get(url, {"state": "submitted"})
    assert response.context["page"].paginator.count == 5
    with django_assert_max_num_queries(25):
        client.get(url, {"page": 2})
    with django_assert_max_num_queries(25):
        response = client.get(reverse("nominations:dashboard"))
    assert "<svg" in response.content.decode()


def test_a_unit_head_adds_a_new_person_while_drafting(client, world):
    client.force_login(world["unit_head"])
    form = {
        "unit": world.unit.pk,
        "nominee_kind": "individual",
        "new_person_name": "Hoàng Văn Mới",
        "new_person_birth_year": "1990",
        "award_type": factories.award("lao-dong-tien-tien").pk,
        "period": world.period.pk,
        "achievements": "Tích cực tham gia phong trào.",
    }
    response = client.post(reverse("nominations:new"), form)
    page = response.content.decode()
    assert "Cần chọn giới tính" in page
    assert 'value="Hoàng Văn Mới"' in page  # what was typed is kept
    response = client.post(reverse("nominations:new"), {**form, "new_person_gender": "male"})
    assert response.status_code == 302
    nomination = Nomination.objects.get(person__full_name="Hoàng Văn Mới")
    assert nomination.person.unit == world.unit
    actions = AuditEvent.objects.exclude(action__startswith="auth.").order_by("sequence")
    assert list(actions.values_list("action", flat=True)) == ["person.add", "nomination.create"]


def test_an_award_that_does_not_fit_the_nominee_is_refused_and_nothing_is_created(client, world):
    client.force_login(world["unit_head"])
    response = client.post(
        reverse("nominations:new"),
        {
            "unit": world.unit.pk,
            "nominee_kind": "individual",
            "new_person_name": "Trần Thị Sai",
            "new_person_gender": "female",
            "award_type": factories.award("tap-the-lao-dong-tien-tien").pk,
            "period": world.period.pk,
            "achievements": "x",
        },
    )
    assert "không áp dụng cho loại đối tượng" in response.content.decode()
    assert not Nomination.objects.exists()
    assert not AuditEvent.objects.exclude(action__startswith="auth.").exists()
    assert not Person.objects.filter(full_name="Trần Thị Sai").exists()


def test_the_award_types_offered_follow_the_nominee_kind(client, world):
    client.force_login(world["unit_head"])
    page = client.get(reverse("nominations:new")).content.decode()
    assert "Lao động tiên tiến" in page
    assert "Gia đình văn hóa" not in page  # an individual is the default kind
    options = reverse("nominations:award_type_options")
    household = client.get(options, {"nominee_kind": "household"}).content.decode()
    assert "Gia đình văn hóa" in household
    assert "Lao động tiên tiến" not in household
    collective = client.get(options, {"nominee_kind": "collective"}).content.decode()
    assert "Tập thể lao động tiên tiến" in collective
    assert "Thôn, tổ dân phố văn hóa" in collective
    assert "Chiến sĩ thi đua cơ sở" not in collective


def test_a_thon_head_adds_a_new_household_while_drafting(client, world):
    client.force_login(world["unit_head"])
    other = factories.person(world.unit)
    form = {
        "unit": world.unit.pk,
        "nominee_kind": "household",
        "person": other.pk,  # chosen before switching to "household": ignored, not refused
        "new_household_head": "Nguyễn Văn Hộ",
        "new_household_address": "Xóm 3",
        "award_type": factories.award("gia-dinh-van-hoa").pk,
        "period": world.period.pk,
        "achievements": "Gia đình văn hóa 3 năm liền.",
    }
    response = client.post(reverse("nominations:new"), form)
    assert response.status_code == 302
    nomination = Nomination.objects.get()
    assert nomination.nominee_kind == "household"
    assert nomination.person is None
    assert nomination.household.head_name == "Nguyễn Văn Hộ"
    assert nomination.household.unit == world.unit
    actions = AuditEvent.objects.exclude(action__startswith="auth.").order_by("sequence")
    assert list(actions.values_list("action", flat=True)) == ["household.add", "nomination.create"]


def test_a_household_needs_a_thon_and_an_individual_award_does_not_fit_it(client, world):
    school = factories.unit(world.commune, kind="school")
    head = factories.user("hieutruong")
    Membership.objects.create(
        user=head, role=Membership.Role.UNIT_HEAD, authority=world.commune, unit=school
    )
    client.force_login(head)
    form = {
        "unit": school.pk,
        "nominee_kind": "household",
        "new_household_head": "Hộ Sai Chỗ",
        "award_type": factories.award("gia-dinh-van-hoa").pk,
        "period": world.period.pk,
        "achievements": "x",
    }
    page = client.post(reverse("nominations:new"), form).content.decode()
    assert "Chỉ thôn, tổ dân phố mới có hộ gia đình" in page
    assert 'value="Hộ Sai Chỗ"' in page
    mismatch = {
        **form,
        "unit": world.unit.pk,
        "award_type": factories.award("lao-dong-tien-tien").pk,
    }
    client.force_login(world["unit_head"])
    page = client.post(reverse("nominations:new"), mismatch).content.decode()
    assert "không áp dụng cho loại đối tượng đã chọn" in page
    assert 'aria-invalid="true"' in page
    assert not Household.objects.exists()
    assert not Nomination.objects.exists()


def test_evidence_is_served_only_to_those_who_see_the_nomination(client, world):
    client.force_login(world["unit_head"])
    nomination = _create(client, world)
    _attach(client, nomination)
    attachment = nomination.attachments.get()
    url = reverse("nominations:attachment", args=[nomination.pk, attachment.pk])
    page = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(world["other_unit_head"])
    assert client.get(url).status_code == 404
    client.force_login(world["unit_head"])
    other = world.nomination()
    wrong_pair = reverse("nominations:attachment", args=[other.pk, attachment.pk])
    assert client.get(wrong_pair).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page


def test_the_detail_page_costs_the_same_for_more_papers_and_reads_the_rule_once(
    client, world, django_assert_max_num_queries
):
    """The chairman's page of a dossier awaiting decision: approve, reject and the forward hint
    all ask which level decides, and the catalogue rule is read once for all three."""
    from tests.world import attach

    nomination = world.nomination(state=S.AWAITING_DECISION)
    client.force_login(world["chairman"])
    url = reverse("nominations:detail", args=[nomination.pk])

    def cost() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        rule_reads = [q for q in captured if "awarddecisionrule" in q["sql"].lower()]
        return len(captured), len(rule_reads)

    client.get(url)  # the first request of a session also writes the session
    small, rule_reads = cost()
    assert rule_reads == 1
    for document in ["to_trinh", "bao_cao_thanh_tich", "bien_ban"] * 3:
        attach(nomination, document)
    assert cost() == (small, 1)
    with django_assert_max_num_queries(small):
        client.get(url)
