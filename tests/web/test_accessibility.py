"""Every page, as each persona sees it: labelled fields, named buttons, one h1, the page's
language, and a CSRF token in every form that posts."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from councils import services as council_services
from nominations.models import Nomination
from tests.world import council_of
from workflow import meetings
from workflow.services import nominations_approve

S = Nomination.State
pytestmark = pytest.mark.django_db
FIELDS = {"input", "select", "textarea"}
UNLABELLED_TYPES = {"hidden", "submit", "button", "reset", "image"}


class PageCheck(HTMLParser):
    """Collects what a screen reader and a keyboard user depend on."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.h1 = 0
        self.label_for: set[str] = set()
        self.fields: list[tuple[dict, bool]] = []  # (attributes, inside a <label>)
        self.label_depth = 0
        self.buttons: list[list] = []  # [attributes, text]
        self.forms: list[dict] = []  # {"method", "csrf"}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "label":
            self.label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        elif tag == "form":
            self.forms.append({"method": (a.get("method") or "get").lower(), "csrf": False})
        elif tag == "button":
            self.buttons.append([a, ""])
        if tag in FIELDS:
            if a.get("name") == "csrfmiddlewaretoken" and self.forms:
                self.forms[-1]["csrf"] = True
            if a.get("type", "text") not in UNLABELLED_TYPES:
                self.fields.append((a, self.label_depth > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_depth -= 1

    def handle_data(self, data):
        if self.buttons and data.strip():
            self.buttons[-1][1] += data.strip()

    def problems(self) -> list[str]:
        found = []
        if self.lang not in ("vi", "en"):
            found.append(f"html lang={self.lang!r}")
        if self.h1 != 1:
            found.append(f"{self.h1} h1 headings")
        for attrs, wrapped in self.fields:
            named = attrs.get("aria-label") or attrs.get("aria-labelledby")
            if not (wrapped or named or attrs.get("id") in self.label_for):
                found.append(f"unlabelled field {attrs.get('name')!r}")
        for attrs, text in self.buttons:
            if not (text or attrs.get("aria-label")):
                found.append("a button without a name")
        found += [
            f"a {f['method']} form without CSRF"
            for f in self.forms
            if f["method"] == "post" and not f["csrf"]
        ]
        return found


def _check(client, url: str, status: int = 200) -> PageCheck:
    response = client.get(url)
    assert response.status_code == status, url
    checker = PageCheck()
    checker.feed(response.content.decode())
    assert checker.problems() == [], url
    return checker


@pytest.fixture
def busy_world(world):
    """A commune with a dossier in each persona's hands and a meeting under way."""
    council, members = council_of(world, size=5)
    office = world["standing_office"]
    world.nomination(state=S.SUBMITTED)
    world.nomination(state=S.AWAITING_DECISION)
    planned = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    world.nomination(state=S.APPRAISED)
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    item = meetings.meeting_add_item(
        meeting=meeting, nomination=world.nomination(state=S.APPRAISED), actor=office
    )
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    council_services.comment_post(item=item, actor=members[3].user, body="Đồng ý.")
    decision = nominations_approve(
        nominations=[world.nomination(state=S.AWAITING_DECISION)],
        actor=world["chairman"],
        number="1/QĐ-UBND",
        issued_on=timezone.localdate(),
    )
    world.pages = {"council": council, "planned": planned, "meeting": meeting,
                   "decision": decision}  # fmt: skip
    return world


PERSONA_PAGES = {
    "unit_head": [
        "accounts:home",
        "nominations:list",
        "nominations:new",
        "nominations:dashboard",
        "draft",
    ],
    "standing_office": [
        "accounts:home",
        "nominations:appraisal",
        "submitted",
        "council",
        "planned",
        "meeting",
    ],
    "council_member": ["accounts:home", "meeting", "councils:list"],
    "chairman": [
        "nominations:decisions",
        "nominations:delegations",
        "awaiting_decision",
        "decision",
    ],
    "auditor": ["audit:search", "timeline"],
}


def _url(world, name: str) -> str:
    if ":" in name:
        return reverse(name)
    if name in world.pages:
        target = world.pages[name]
        route = {"council": "councils:council", "decision": "nominations:decision"}.get(
            name, "councils:meeting"
        )
        return reverse(route, args=[target.pk])
    if name == "timeline":
        return reverse("audit:timeline", args=[Nomination.objects.first().pk])
    nomination = Nomination.objects.filter(state=name).first() or world.nomination(state=name)
    return reverse("nominations:detail", args=[nomination.pk])


@pytest.mark.parametrize("persona", sorted(PERSONA_PAGES))
def test_every_page_of_every_persona_is_labelled_and_protected(client, busy_world, persona):
    client.force_login(busy_world[persona])
    checked = [_check(client, _url(busy_world, name)) for name in PERSONA_PAGES[persona]]
    assert sum(len(page.fields) for page in checked) >= 2  # the pages had fields to check


def test_sign_in_and_error_pages(client, world):
    _check(client, reverse("accounts:login"))
    client.force_login(world["unit_head"])
    _check(client, "/nominations/999999/", status=404)


def test_the_checker_finds_what_it_looks_for():
    checker = PageCheck()
    checker.feed(
        '<html><body><form method="post"><input name="x"><button></button></form></body></html>'
    )
    assert checker.problems() == [
        "html lang=None",
        "0 h1 headings",
        "unlabelled field 'x'",
        "a button without a name",
        "a post form without CSRF",
    ]
