"""Every URL naming one object, on the pages and in the API, answers 404 to a signed-in user
who may not see that object: the chairman of another commune, and the head of another unit
of the same commune. The URLs come from the URL resolver; a new object URL that this test
cannot place fails it until it is added to OBJECT_OF."""

from __future__ import annotations

import datetime
import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from rest_framework.authtoken.models import Token

from accounts.models import User
from councils.models import AgendaItem, Authority, Council, Meeting, Unit
from nominations.models import (
    CertificateLayout,
    Decision,
    EmulationBloc,
    GeneratedDocument,
    Movement,
    Nomination,
    Person,
    Proceeding,
    Registration,
    Target,
    TargetResult,
)
from tests.security import routes
from workflow.models import Notification

pytestmark = pytest.mark.django_db

# Which object a route's `pk` names (by route name; API routes by their basename).
OBJECT_OF = {
    "councils:council": "council",
    "councils:authority": "authority",
    "councils:meeting": "meeting",
    "councils:counts": "meeting",
    "councils:add_item": "meeting",
    "councils:open": "meeting",
    "councils:close": "meeting",
    "councils:minutes": "meeting",
    "councils:results_xlsx": "meeting",
    "councils:vote": "item",
    "councils:defer": "item",
    "councils:comment": "item",
    "audit:timeline": "nomination",
    "accounts:notification": "notification",
    "nominations:decision": "decision",
    "nominations:decision_xlsx": "decision",
    "nominations:prize_payments_xlsx": "decision",
    "nominations:certificates_on_blank": "decision",
    "nominations:printer_calibration": "decision",
    "nominations:blank_layout": "certificate_layout",
    "nominations:blank_layout_sample": "certificate_layout",
    "nominations:document": "document",
    "nominations:document_sign": "document",
    "nominations:detail": "nomination",
    "nominations:edit": "nomination",
    "nominations:attach": "nomination",
    "nominations:report": "nomination",
    "nominations:bundle": "nomination",
    "nominations:attachment": "nomination",
    "nominations:attachment_change": "nomination",
    "nominations:act": "nomination",
    "nominations:person": "person",
    "nominations:proceeding_open": "person",
    "nominations:proceeding_close": "person",
    "api-person": "person",
    "nomination": "nomination",
    "meeting": "meeting",
    "decision": "decision",
    "authority": "authority",
    "unit": "unit",
    "movement": "movement",
    "reports:movement": "movement",
    "reports:movement_report": "movement",
    "reports:target_result": "target",
    "reports:target_evidence": "target_result",
    "reports:registration_assessment": "registration",
    "reports:bloc_scores": "bloc",
}
# Not about one commune's objects: the award catalogue is the same for everyone, and the
# admin site is for staff only (a non-staff user is sent to its sign-in page).
NOT_SCOPED = {"award-type"}
OBJECT_ARGS = {"pk", "item_id", "attachment_id", "proceeding_id", "period_id"}


def _kind(route: routes.Route) -> str | None:
    if route.name.startswith("admin:") or not OBJECT_ARGS & set(route.kwargs):
        return None
    key = route.name.rsplit("-", 1)[0] if route.api else route.name
    if key in NOT_SCOPED:
        return None
    assert key in OBJECT_OF, f"{route.name}: which object does its pk name? add it to OBJECT_OF"
    return OBJECT_OF[key]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())
    return Authority.objects.get(code="vn-18742")  # xã Cẩm Trung, successor of Cẩm Lĩnh


def _document(**about) -> GeneratedDocument:
    return GeneratedDocument.objects.create(
        version=GeneratedDocument.objects.count() + 1,
        request_id=uuid.uuid4(),
        template_name="test.docx",
        template_sha256="0" * 64,
        docx=ContentFile(b"PK", name="t.docx"),
        pdf=ContentFile(b"%PDF-1.4", name="t.pdf"),
        **about,
    )


def _samples(nomination: Nomination, commune: Authority) -> dict[str, list[dict]]:
    """For each kind of object, the URL arguments of each object of that kind to try."""
    meeting = Meeting.objects.filter(council__authority=commune, items__isnull=False).first()
    item = AgendaItem.objects.filter(meeting=meeting).first()
    decision = Decision.objects.filter(authority=commune).first()
    attachment = nomination.attachments.first()
    documents = [
        _document(kind="decision", decision=decision),
        _document(kind="minutes", meeting=meeting),
        _document(kind="achievement_report", nomination=nomination),
    ]
    person = Person.objects.filter(unit__authority=commune).first()
    proceeding = Proceeding.objects.create(
        person=person, kind="complaint", summary="Mẫu", opened_on=datetime.date(2026, 1, 5),
    )  # fmt: skip
    movement = Movement.objects.filter(authority=commune).first()
    target, _ = Target.objects.get_or_create(movement=movement, name="Mẫu", target_text="Đạt")
    result, _ = TargetResult.objects.get_or_create(
        target=target,
        period=movement.periods.first(),
        defaults={"text": "Đạt", "evidence": ContentFile(b"%PDF-1.4", name="so-lieu.pdf")},
    )
    registration, _ = Registration.objects.get_or_create(
        movement=movement,
        unit=Unit.objects.filter(authority=commune).first(),
        defaults={"registered_on": movement.starts_on},
    )
    Movement.objects.filter(pk=movement.pk).update(scores_blocs=True)
    bloc, _ = EmulationBloc.objects.get_or_create(authority=commune, name="Khối các thôn")
    bloc.units.add(registration.unit)
    about_nomination = {
        "pk": nomination.pk,
        "attachment_id": attachment.pk,
        "action": "submit",
        "action_name": "submit",
    }
    return {
        "nomination": [about_nomination],
        "meeting": [{"pk": meeting.pk}],
        "item": [{"item_id": item.pk}],
        "decision": [{"pk": decision.pk}],
        "council": [{"pk": Council.objects.filter(authority=commune).first().pk}],
        "document": [{"pk": d.pk, "fmt": fmt} for d in documents for fmt in ("pdf", "docx")],
        "authority": [{"pk": commune.pk}],
        "unit": [{"pk": Unit.objects.filter(authority=commune).first().pk}],
        "movement": [{"pk": movement.pk, "fmt": fmt} for fmt in ("pdf", "docx")],
        "target": [{"pk": target.pk, "period_id": result.period_id}],
        "target_result": [{"pk": result.pk}],
        "registration": [{"pk": registration.pk}],
        # The demo's layout of its sample blank.
        "certificate_layout": [{"pk": CertificateLayout.objects.get(authority=commune).pk}],
        "bloc": [{"pk": bloc.pk, "period_id": result.period_id}],
        "person": [{"pk": person.pk, "proceeding_id": proceeding.pk}],
        # The commune chairman's own notification: nobody else opens it.
        "notification": [
            {"pk": Notification.objects.filter(user__username="camtrung.chutich").first().pk}
        ],
    }


def _answers(
    user: User, kinds: set[str], samples: dict[str, list[dict]], minimum: int
) -> list[str]:
    """Every object URL of those kinds, by GET and by POST, through the pages (session) and
    the API (token); what did not answer 404 (a 405 for a method the URL does not take is
    the same answer as for an object that does not exist)."""
    page = Client()
    page.force_login(user)
    api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    wrong, tried = [], 0
    for route in routes.all_routes():
        kind = _kind(route)
        if kind not in kinds:
            continue
        client = api if route.api else page
        for values in samples[kind]:
            url = routes.url_of(route, values)
            statuses = [client.get(url).status_code, client.post(url, {}).status_code]
            tried += 1
            if 404 not in statuses or set(statuses) - {404, 405}:
                wrong.append(f"{route.name} {url}: GET {statuses[0]}, POST {statuses[1]}")
    assert tried >= minimum
    return wrong


def test_another_communes_objects_answer_404(demo):
    outsider = User.objects.get(username="hiephoa.chutich")
    nomination = Nomination.objects.filter(current_authority=demo).order_by("pk").first()
    samples = _samples(nomination, demo)
    assert _answers(outsider, set(OBJECT_OF.values()), samples, minimum=30) == []


def test_another_units_nominations_answer_404_to_a_unit_head(demo):
    head = User.objects.get(username="camtrung.truongthon1")
    own_unit = head.memberships.get(valid_to__isnull=True).unit
    for state in (Nomination.State.DRAFT, Nomination.State.SUBMITTED, Nomination.State.RETURNED):
        nomination = (
            Nomination.objects.filter(current_authority=demo, state=state)
            .exclude(proposing_unit=own_unit)
            .first()
        )
        samples = _samples(nomination, demo)
        # Only the nomination's own paper: the commune's decisions and minutes are public.
        samples["document"] = samples["document"][-2:]
        assert _answers(head, {"nomination", "document"}, samples, minimum=12) == [], state


def test_the_same_urls_answer_the_communes_own_chairman(demo):
    """The URLs above name real objects: the commune's own chairman is not sent away."""
    insider = User.objects.get(username="camtrung.chutich")
    nomination = Nomination.objects.filter(current_authority=demo).order_by("pk").first()
    samples = _samples(nomination, demo)
    answered = _answers(insider, set(OBJECT_OF.values()), samples, minimum=30)
    assert len(answered) >= 25
    assert any("nominations:detail" in line and "GET 200" in line for line in answered)
    assert any("meeting-detail" in line and "GET 200" in line for line in answered)
