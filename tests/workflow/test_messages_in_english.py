"""A service refusal speaks the language of the request: English under /en/, Vietnamese
otherwise. The message is translated when it is raised, not when the module is imported."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from audit.models import AuditEvent
from core.errors import InvalidInput, NotPermitted, WrongState
from nominations import services as nomination_services
from nominations.models import Attachment, Nomination
from tests import factories
from tests.world import attach
from workflow import services as workflow_services

S = Nomination.State
pytestmark = pytest.mark.django_db

EN, VI = "en", "vi"


def _draft_for_someone_elses_unit(world):
    return nomination_services.nomination_create(
        actor=world["other_unit_head"],
        unit=world.unit,
        award_type=factories.award("lao-dong-tien-tien"),
        period=world.period,
        achievements="Hoàn thành tốt nhiệm vụ.",
        person=factories.person(world.unit),
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (EN, "You may only prepare nominations for the unit you are responsible for."),
        (VI, "Bạn chỉ lập hồ sơ cho đơn vị mình phụ trách."),
    ],
)
def test_a_unit_head_drafting_for_another_unit_is_told_in_their_language(world, language, expected):
    drafts_before = Nomination.objects.count()
    with translation.override(language), pytest.raises(NotPermitted) as refused:
        _draft_for_someone_elses_unit(world)
    assert refused.value.message == expected
    assert str(refused.value) == expected
    assert Nomination.objects.count() == drafts_before


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (EN, "The file is too large: the limit is 1 MB."),
        (VI, "Tệp quá lớn: tối đa 1 MB."),
    ],
)
def test_an_attachment_too_large_is_refused_in_the_users_language(
    world, language, expected, settings
):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    nomination = world.nomination(state=S.DRAFT, papers=False)
    big = SimpleUploadedFile("to_trinh.pdf", b"%PDF-1.4\n" + b"0" * 1024 * 1024, "application/pdf")
    with translation.override(language), pytest.raises(InvalidInput) as refused:
        nomination_services.attachment_add(
            nomination=nomination, actor=world["unit_head"], document="to_trinh", upload=big
        )
    assert refused.value.message == expected
    assert not Attachment.objects.filter(nomination=nomination).exists()


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            EN,
            "This action cannot be performed while the nomination is in the state "
            "“Submitted, awaiting appraisal”.",
        ),
        (VI, "Không thể thực hiện thao tác này khi hồ sơ ở trạng thái “Đã gửi, chờ thẩm định”."),
    ],
)
def test_a_wrong_state_names_the_state_in_the_users_language(world, language, expected):
    nomination = world.nomination(state=S.SUBMITTED)
    events_before = AuditEvent.objects.count()
    with translation.override(language), pytest.raises(WrongState) as refused:
        workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    assert refused.value.message == expected
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
    assert AuditEvent.objects.count() == events_before


def test_the_eligibility_reasons_of_a_refused_appraisal_are_in_english_too(world):
    nomination = world.nomination(state=S.SUBMITTED)
    attach(nomination, "to_trinh")
    with translation.override(EN), pytest.raises(InvalidInput) as refused:
        workflow_services.nomination_appraise(nomination=nomination, actor=world["standing_office"])
    assert refused.value.message == "The nomination does not yet meet the conditions."
    assert refused.value.reasons == [
        "A required document is missing: List of nominees.",
        "A required document is missing: Review meeting minutes.",
    ]


def test_the_language_is_the_one_active_when_the_refusal_is_raised(world):
    """Nothing is translated once at import: the same call answers in each language in turn."""
    messages = []
    for language in (EN, VI, EN):
        with translation.override(language), pytest.raises(NotPermitted) as refused:
            _draft_for_someone_elses_unit(world)
        messages.append(refused.value.message)
    english = "You may only prepare nominations for the unit you are responsible for."
    assert messages == [english, "Bạn chỉ lập hồ sơ cho đơn vị mình phụ trách.", english]
