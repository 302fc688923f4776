"""Writes to the award catalogue that are not a single admin form."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts.models import User
from audit.services import audit_event_record, delete_and_record, save_and_record
from core import clock
from core.errors import FileDamaged, InvalidInput, NotPermitted, StaleVersion, WrongState
from core.text import visible
from councils.models import Unit
from councils.roles import acts_for_unit, is_standing_office
from nominations.documents.signatures import signatures_check
from nominations.models import (
    Attachment,
    AwardDocumentRequirement,
    AwardType,
    Household,
    MeritGround,
    Nomination,
    NomineeKind,
    Period,
    Person,
)
from nominations.uploads import sha256_of, upload_check


@transaction.atomic
def award_types_set_in_use(*, award_types: Sequence[AwardType], in_use: bool, actor: User) -> int:
    """Take award types out of use (or back) in one statement, history and audit kept."""
    if not (actor and actor.is_active and actor.has_perm("nominations.change_awardtype")):
        raise NotPermitted(_("Chỉ quản trị hệ thống được sửa danh mục khen thưởng."))
    changed = [a for a in award_types if a.is_active != in_use]
    for award_type in changed:
        award_type.is_active = in_use
    reason = "Áp dụng lại" if in_use else "Ngừng áp dụng"
    bulk_update_with_history(
        changed, AwardType, ["is_active"], default_user=actor, default_change_reason=reason
    )
    for award_type in changed:
        audit_event_record(
            actor=actor,
            action="catalogue.reinstate" if in_use else "catalogue.withdraw",
            target=award_type,
            payload={"code": award_type.code},
        )
    return len(changed)


# --- nominations and their evidence ------------------------------------------------------------


def _require_unit_head(actor: User, unit: Unit) -> None:
    if not acts_for_unit(actor, unit):
        raise NotPermitted(_("Bạn chỉ lập hồ sơ cho đơn vị mình phụ trách."))


def _require_may_propose(actor: User, unit: Unit) -> None:
    """A unit head drafts for the unit; the standing office may also enter a unit's list
    (paper dossiers it received, or an Excel list) — the unit still submits them."""
    if actor and actor.is_authenticated and is_standing_office(actor, unit.authority):
        return
    _require_unit_head(actor, unit)


def _checked(obj: Nomination | Person | Household, message: str | None = None) -> None:
    """Model validation, refused as InvalidInput with every reason listed."""
    try:
        obj.full_clean()
    except ValidationError as error:
        reasons = [str(m) for messages in error.message_dict.values() for m in messages]
        raise InvalidInput(message or _("Hồ sơ chưa hợp lệ."), reasons=reasons) from error


def person_add(
    *,
    actor: User,
    unit: Unit,
    full_name: str,
    gender: str,
    birth_year: int | None = None,
    position: str = "",
) -> Person:
    """A unit head records a person of the unit (to nominate them)."""
    _require_may_propose(actor, unit)
    person = Person(
        unit=unit,
        full_name=visible(full_name),
        gender=gender,
        birth_year=birth_year,
        position=visible(position),
    )
    _checked(person, _("Thông tin cá nhân chưa hợp lệ."))
    save_and_record(person, actor=actor, action="person.add", authority=unit.authority, unit=unit)
    return person


def household_add(*, actor: User, unit: Unit, head_name: str, address: str = "") -> Household:
    """A thôn head records a household of the village (to propose it for Gia đình văn hóa)."""
    _require_may_propose(actor, unit)
    household = Household(unit=unit, head_name=visible(head_name), address=visible(address))
    # The model only lets a household live in a thôn, tổ dân phố; say so in words.
    if unit.kind != Unit.Kind.VILLAGE:
        raise InvalidInput(_("Chỉ thôn, tổ dân phố mới có hộ gia đình để đề nghị."))
    _checked(household, _("Thông tin hộ gia đình chưa hợp lệ."))
    save_and_record(
        household, actor=actor, action="household.add", authority=unit.authority, unit=unit
    )
    return household


@transaction.atomic
def nomination_create(
    *,
    actor: User,
    unit: Unit,
    award_type: AwardType,
    period: Period,
    achievements: str,
    person: Person | None = None,
    household: Household | None = None,
    collective: Unit | None = None,
    excellence_confirmed: bool = False,
    task_rating: str = "",
    months_served: int | None = None,
    merit_ground: MeritGround | None = None,
    new_person: dict | None = None,
    new_household: dict | None = None,
) -> Nomination:
    """A unit head drafts a nomination for a person, household or collective of the unit, or
    for a person or household recorded in the same step (`new_person`: full_name, gender, …;
    `new_household`: head_name, address). An award that does not fit leaves nothing behind."""
    _require_may_propose(actor, unit)
    if period.movement.authority_id != unit.authority_id:
        raise InvalidInput(_("Đợt thi đua này không thuộc cơ quan của đơn vị đề nghị."))
    if not period.open_for_proposals(clock.today()):
        raise InvalidInput(
            _("Đợt “%(period)s” không nhận đề nghị vào ngày %(day)s.")
            % {"period": period.name, "day": f"{clock.today():%d/%m/%Y}"}
        )
    if new_person:
        person = person_add(actor=actor, unit=unit, **new_person)
    if new_household:
        household = household_add(actor=actor, unit=unit, **new_household)
    if person:
        kind = NomineeKind.INDIVIDUAL
    elif household:
        kind = NomineeKind.HOUSEHOLD
    elif collective:
        # A thôn proposed for "Thôn văn hóa" is a village; any other unit is a collective.
        village_award = award_type.kind_rules.filter(nominee_kind=NomineeKind.VILLAGE).exists()
        is_village = collective.kind == Unit.Kind.VILLAGE and village_award
        kind = NomineeKind.VILLAGE if is_village else NomineeKind.COLLECTIVE
    else:
        raise InvalidInput(_("Cần chọn đối tượng được đề nghị."))
    nomination = Nomination(
        proposing_unit=unit,
        nominee_kind=kind,
        person=person,
        household=household,
        collective=collective,
        award_type=award_type,
        period=period,
        achievements=achievements.strip(),
        current_authority=unit.authority,
        created_by=actor,
        excellence_confirmed=excellence_confirmed,
        task_rating=task_rating,
        months_served=months_served,
        merit_ground=merit_ground,
    )
    _checked(nomination)
    save_and_record(
        nomination,
        actor=actor,
        action="nomination.create",
        reason="Lập hồ sơ",
        authority=unit.authority,
        unit=unit,
        to_state=nomination.state,
        payload={"award_type": award_type.code, "nominee_kind": kind},
    )
    return nomination


EDITABLE_STATES = (Nomination.State.DRAFT, Nomination.State.RETURNED)

# An edit that leaves a field as it is (distinct from None, which clears it).
UNCHANGED = object()


@transaction.atomic
def nomination_update(
    *,
    nomination: Nomination,
    actor: User,
    achievements: str,
    excellence_confirmed: bool,
    expected_version: int | None = None,
    task_rating: str | None = None,
    months_served: int | None = None,
    merit_ground: MeritGround | object | None = UNCHANGED,
) -> Nomination:
    """The unit edits its dossier while it is a draft or after a return. With
    `expected_version` (the version the caller read), a dossier changed since is refused.
    `merit_ground` left UNCHANGED keeps the ground; None clears it."""
    row = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("proposing_unit", "award_type")
        .get(pk=nomination.pk)
    )
    _require_unit_head(actor, row.proposing_unit)
    if expected_version is not None and expected_version != row.version:
        raise StaleVersion(
            _("Hồ sơ đã được người khác thay đổi sau khi bạn mở; hãy tải lại rồi sửa.")
        )
    if row.state not in EDITABLE_STATES:
        raise WrongState(_("Chỉ sửa được hồ sơ nháp hoặc hồ sơ bị trả lại."))
    changed = []
    if row.achievements != achievements.strip():
        row.achievements, changed = achievements.strip(), [*changed, "achievements"]
    if row.excellence_confirmed != excellence_confirmed:
        row.excellence_confirmed = excellence_confirmed
        changed.append("excellence_confirmed")
    # The nominee's year: None leaves what is recorded.
    for name, value in (("task_rating", task_rating), ("months_served", months_served)):
        if value is not None and getattr(row, name) != value:
            setattr(row, name, value)
            changed.append(name)
    if merit_ground is not UNCHANGED and row.merit_ground != merit_ground:
        row.merit_ground = merit_ground
        changed.append("merit_ground")
    if not changed:
        return row
    _checked(row)
    save_and_record(
        row,
        actor=actor,
        action="nomination.update",
        reason="Sửa, bổ sung hồ sơ",
        authority=row.current_authority,
        unit=row.proposing_unit,
        payload={"changed": changed},
    )
    nomination.achievements = row.achievements
    nomination.excellence_confirmed = row.excellence_confirmed
    nomination.task_rating, nomination.months_served = row.task_rating, row.months_served
    nomination.merit_ground = row.merit_ground
    return row


def _dossier_held_by(actor: User, nomination: Nomination) -> Nomination:
    """The nomination locked, if its unit's head may change its papers now."""
    row = (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("proposing_unit", "current_authority")
        .get(pk=nomination.pk)
    )
    _require_unit_head(actor, row.proposing_unit)
    if row.state not in EDITABLE_STATES:
        raise WrongState(_("Chỉ đính kèm, thay, xóa giấy tờ khi hồ sơ là nháp hoặc bị trả lại."))
    return row


@transaction.atomic
def attachment_add(
    *, nomination: Nomination, actor: User, document: str, upload: UploadedFile
) -> Attachment:
    row = _dossier_held_by(actor, nomination)
    if document not in AwardDocumentRequirement.Document.values:
        raise InvalidInput(_("Loại giấy tờ không hợp lệ."))
    kind = upload_check(upload)
    attachment = Attachment(
        nomination=row,
        document=document,
        uploaded_by=actor,
        sha256=sha256_of(upload),
        original_name=(upload.name or "")[-255:],
    )
    attachment.file.save(f"{document}.{kind.extension}", upload, save=False)
    if kind.mime == "application/pdf":  # a signed paper is verified as it arrives
        with attachment.file.open("rb") as stored:
            attachment.signatures = [check.as_dict() for check in signatures_check(stored.read())]
    save_and_record(
        attachment,
        actor=actor,
        action="attachment.add",
        target=row,
        authority=row.current_authority,
        unit=row.proposing_unit,
        payload={
            "document": document,
            "attachment": attachment.pk,
            "type": kind.mime,
            "sha256": attachment.sha256,
            "name": attachment.original_name,
            **(
                {
                    "signatures": [
                        {key: check[key] for key in ("signer", "signed_at", "valid", "trusted")}
                        for check in attachment.signatures
                    ]
                }
                if attachment.signatures
                else {}
            ),
        },
    )
    if attachment.signatures:  # the verification is a record of its own (issue 23)
        audit_event_record(
            actor=actor,
            action="attachment.verify_signatures",
            target=row,
            authority=row.current_authority,
            unit=row.proposing_unit,
            payload={"attachment": attachment.pk, "signatures": attachment.signatures},
        )
    return attachment


@transaction.atomic
def attachment_remove(*, attachment: Attachment, actor: User) -> None:
    """Take a paper out of a dossier its unit still holds. The row's history keeps what it
    was (file, hash, who uploaded it); the bytes stay for that history."""
    row = _dossier_held_by(actor, attachment.nomination)
    found = Attachment.objects.select_for_update().filter(pk=attachment.pk, nomination=row).first()
    if found is None:
        raise InvalidInput(_("Giấy tờ này không còn trong hồ sơ."))
    payload = {
        "document": found.document,
        "attachment": found.pk,
        "sha256": found.sha256,
        "name": found.original_name,
    }
    delete_and_record(
        found,
        actor=actor,
        action="attachment.remove",
        target=row,
        authority=row.current_authority,
        unit=row.proposing_unit,
        payload=payload,
    )


@transaction.atomic
def attachment_replace(*, attachment: Attachment, actor: User, upload: UploadedFile) -> Attachment:
    """A new file for the same paper: the old one removed, the new one added, together."""
    document = attachment.document
    attachment_remove(attachment=attachment, actor=actor)
    return attachment_add(
        nomination=attachment.nomination, actor=actor, document=document, upload=upload
    )


def attachment_open_verified(*, attachment: Attachment, actor: User) -> File:
    """The stored file, opened and rewound, if its bytes still have the SHA-256 taken at upload.

    A file changed or lost on disk is not served: the refusal is audited (in its own
    transaction, so the record stays although the request fails) and FileDamaged is raised."""
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError):
        handle, found = None, ""
    else:
        found = sha256_of(handle)
        handle.seek(0)
        if attachment.sha256 and found == attachment.sha256:
            return handle
        handle.close()
    nomination = attachment.nomination
    audit_event_record(
        actor=actor,
        action="attachment.mismatch",
        target=nomination,
        authority=nomination.current_authority,
        unit=nomination.proposing_unit,
        payload={
            "attachment": attachment.pk,
            "expected": attachment.sha256,
            "found": found or "missing",
        },
    )
    raise FileDamaged(
        _(
            "Tệp đính kèm này không còn đúng như khi tải lên (mã SHA-256 không khớp hoặc tệp "
            "đã mất) nên không được tải xuống. Sự việc đã được ghi vào nhật ký; hãy báo quản "
            "trị hệ thống khôi phục tệp từ bản sao lưu."
        )
    )
