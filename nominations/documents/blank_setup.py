"""Setting up printing on blanks, by the office that prints: its printers' offsets (measured on
the calibration page) and where each piece of text goes on its blanks.

Each change is one service call: checked (who, what values), written with its history row
(simple-history, who and why) and its audit event. An edit names the revision it was made
from; when someone else saved in between, it is refused instead of silently undoing their
work. A layout starts as a copy of the one the authority prints with today (its province's,
else the built-in default), so the office moves fields rather than entering them all.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import (
    delete_and_record,
    delete_with_history,
    save_and_record,
    save_with_history,
)
from core.errors import InvalidInput, NotPermitted
from councils.models import Authority
from councils.roles import deciding_authorities, standing_office_authorities
from nominations.documents.blanks import layouts_for
from nominations.documents.contexts import PRINTED_HERE
from nominations.models import AwardType, CertificateField, CertificateLayout, PrinterProfile
from nominations.uploads import upload_check

# The bounds the database also keeps (nominations.models.documents), said in words here.
PAGE_MM = (Decimal(50), Decimal(500))
OFFSET_MM = (Decimal(-30), Decimal(30))
FONT_PT = (Decimal(6), Decimal(72))
SCAN_KINDS = {"png", "jpg"}
# An A3 sheet scanned at 600 dpi is 7016 × 9921 points: more only makes previews slow.
SCAN_MAX_PIXELS = 70_000_000
TENTH = Decimal("0.1")


def blank_authorities(user: User) -> set[int]:
    """The authorities whose blanks and printers the user sets up: those whose papers they
    make (the standing office, the decider)."""
    return standing_office_authorities(user) | deciding_authorities(user)


def may_set_up_blanks(user: User, authority: Authority) -> bool:
    return authority.pk in blank_authorities(user)


def _check_may(user: User, authority: Authority) -> None:
    if not may_set_up_blanks(user, authority):
        raise NotPermitted(
            _("Chỉ Thường trực Hội đồng hoặc người quyết định của cơ quan mới sửa được.")
        )


def _shown(number: Decimal) -> str:
    """A bound as the office reads it: 297, 148,5 (in the page's language)."""
    return number_format(number.normalize(), use_l10n=True)


def _millimetres(value, label: str, low: Decimal, high: Decimal) -> Decimal:
    """`value` as millimetres (or points) to a tenth, inside [low, high]; else a refusal that
    names the field and the bounds."""
    try:
        number = Decimal(str(value))
        in_bounds = number.is_finite() and low <= number <= high
        exact = in_bounds and number == number.quantize(TENTH)
    except (InvalidOperation, ValueError):
        raise InvalidInput(
            _("%(label)s: “%(value)s” không phải là số.") % {"label": label, "value": value}
        ) from None
    if not in_bounds:
        raise InvalidInput(
            _("%(label)s phải từ %(low)s đến %(high)s.")
            % {"label": label, "low": _shown(low), "high": _shown(high)}
        )
    if not exact:
        raise InvalidInput(_("%(label)s: chỉ ghi tới một chữ số thập phân.") % {"label": label})
    return number


def _tenths(value) -> Decimal:
    """A measure as stored (a tenth of a millimetre or point), whatever type it came in."""
    return Decimal(str(value)).quantize(TENTH)


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join(str(part) for part in parts).encode()).hexdigest()[:16]


def _check_revision(current: str, expected: str | None) -> None:
    """An edit says which revision it was made from: without it, or from an older one, it
    would undo what someone else saved in between."""
    if expected != current:
        raise InvalidInput(
            _("Người khác vừa lưu thay đổi này trước bạn; hãy tải lại trang rồi sửa lại.")
        )


# --- printers ---------------------------------------------------------------------------


def printer_revision(printer: PrinterProfile) -> str:
    return _digest(printer.name, _tenths(printer.offset_x_mm), _tenths(printer.offset_y_mm))


@transaction.atomic
def printer_save(
    *,
    authority: Authority,
    actor: User,
    name: str,
    offset_x_mm,
    offset_y_mm,
    printer: PrinterProfile | None = None,
    revision: str | None = None,
) -> PrinterProfile:
    """Add a printer to the authority, or change one of its own (name, offsets)."""
    _check_may(actor, authority)
    name = (name or "").strip()
    if not name or len(name) > 100:
        raise InvalidInput(_("Tên máy in phải có, tối đa 100 ký tự."))
    x = _millimetres(offset_x_mm, _("Độ lệch ngang"), *OFFSET_MM)
    y = _millimetres(offset_y_mm, _("Độ lệch dọc"), *OFFSET_MM)
    if printer is None:
        row = PrinterProfile(authority=authority)
        action, before = "printer.add", {}
    else:
        row = PrinterProfile.objects.select_for_update().filter(pk=printer.pk).first()
        if row is None:
            raise InvalidInput(_("Máy in này đã được xóa."))
        if row.authority_id != authority.pk:
            raise NotPermitted(_("Máy in này thuộc cơ quan khác."))
        _check_revision(printer_revision(row), revision)
        action = "printer.change"
        before = {
            "name": row.name,
            "offset_x_mm": str(row.offset_x_mm),
            "offset_y_mm": str(row.offset_y_mm),
        }
    if PrinterProfile.objects.filter(authority=authority, name=name).exclude(pk=row.pk).exists():
        raise InvalidInput(_("Cơ quan đã có máy in tên “%(name)s”.") % {"name": name})
    row.name, row.offset_x_mm, row.offset_y_mm = name, x, y
    try:
        with transaction.atomic():  # a twin added at the same moment: the constraint decides
            save_and_record(
                row,
                actor=actor,
                action=action,
                authority=authority,
                payload={
                    "before": before,
                    "name": name,
                    "offset_x_mm": str(x),
                    "offset_y_mm": str(y),
                },
            )
    except IntegrityError:
        raise InvalidInput(_("Cơ quan đã có máy in tên “%(name)s”.") % {"name": name}) from None
    return row


@transaction.atomic
def printer_remove(*, printer: PrinterProfile, actor: User) -> None:
    _check_may(actor, printer.authority)
    row = PrinterProfile.objects.select_for_update().filter(pk=printer.pk).first()
    if row is None:
        return  # already removed (a second click): nothing more to record
    delete_and_record(
        row,
        actor=actor,
        action="printer.remove",
        authority=row.authority,
        payload={
            "name": row.name,
            "offset_x_mm": str(row.offset_x_mm),
            "offset_y_mm": str(row.offset_y_mm),
        },
    )


# --- layouts ----------------------------------------------------------------------------


def award_types_with_certificates() -> list[AwardType]:
    """The awards whose certificate an authority prints itself."""
    return list(
        AwardType.objects.filter(certificate__in=PRINTED_HERE).order_by("sort_order", "name")
    )


@transaction.atomic
def layout_start(
    *, authority: Authority, award_type: AwardType | None, actor: User
) -> CertificateLayout:
    """The authority's own layout for the award (or for all its awards), begun as a copy of
    the one it prints with today; if it already has one (a second click), that one."""
    _check_may(actor, authority)
    if award_type is not None and award_type.certificate not in PRINTED_HERE:
        raise InvalidInput(
            _("“%(award)s” không có giấy khen hay bằng do cơ quan in.") % {"award": award_type.name}
        )
    existing = CertificateLayout.objects.filter(authority=authority, award_type=award_type).first()
    if existing is not None:
        return existing
    key = award_type.pk if award_type else 0
    source = layouts_for(authority, {key})[key]
    name = _("Phôi %(award)s") % {"award": award_type.name if award_type else _("mọi danh hiệu")}
    layout = CertificateLayout(
        authority=authority,
        award_type=award_type,
        name=name[:150],
        page_width_mm=source.width_mm,
        page_height_mm=source.height_mm,
        blank_scan=source.scan.name if source.scan else "",
    )
    try:
        with transaction.atomic():
            save_and_record(
                layout,
                actor=actor,
                action="certificate_layout.create",
                authority=authority,
                payload={
                    "award_type": award_type.code if award_type else "",
                    "copied_from": source.name,
                },
            )
    except IntegrityError:  # begun by someone else at the same moment
        return CertificateLayout.objects.get(authority=authority, award_type=award_type)
    for placed in source.fields:
        save_with_history(
            CertificateField(
                layout=layout,
                content=placed.content,
                x_mm=placed.x_mm,
                y_mm=placed.y_mm,
                align=placed.align,
                font_size=placed.font_size,
                bold=placed.bold,
                italic=placed.italic,
            ),
            actor,
        )
    return layout


def layout_revision(layout: CertificateLayout, fields: list[CertificateField]) -> str:
    """What the layout says now, in a few characters: the form carries it back."""
    rows = sorted(
        (
            f.content,
            _tenths(f.x_mm),
            _tenths(f.y_mm),
            f.align,
            _tenths(f.font_size),
            f.bold,
            f.italic,
        )
        for f in fields
    )
    size = (_tenths(layout.page_width_mm), _tenths(layout.page_height_mm))
    return _digest(layout.name, size, layout.blank_scan.name, rows)


@dataclass(frozen=True)
class FieldPlace:
    """One row of the layout form: a piece of text and where it goes (None: not printed)."""

    content: str
    x_mm: object
    y_mm: object
    align: str = CertificateField.Align.CENTER
    font_size: object = Decimal(14)
    bold: bool = False
    italic: bool = False


def _checked_places(places: list[FieldPlace], width: Decimal, height: Decimal) -> dict[str, dict]:
    contents = dict(CertificateField.Content.choices)
    checked: dict[str, dict] = {}
    for place in places:
        if place.content not in contents:
            raise InvalidInput(
                _("Nội dung in “%(content)s” không có.") % {"content": place.content}
            )
        if place.content in checked:
            raise InvalidInput(
                _("Mỗi nội dung chỉ in một chỗ: “%(label)s” có hai.")
                % {"label": contents[place.content]}
            )
        if place.align not in CertificateField.Align.values:
            raise InvalidInput(_("Cách căn lề không hợp lệ."))
        label = contents[place.content]
        checked[place.content] = {
            "x_mm": _millimetres(
                place.x_mm, _("%(label)s: x") % {"label": label}, Decimal(0), width
            ),
            "y_mm": _millimetres(
                place.y_mm, _("%(label)s: y") % {"label": label}, Decimal(0), height
            ),
            "align": place.align,
            "font_size": _millimetres(
                place.font_size, _("%(label)s: cỡ chữ") % {"label": label}, *FONT_PT
            ),
            "bold": bool(place.bold),
            "italic": bool(place.italic),
        }
    return checked


def _scan_checked(upload: UploadedFile) -> None:
    """A picture of the blank: PNG or JPEG by its bytes, and one the image library can read."""
    kind = upload_check(upload)
    if kind.extension not in SCAN_KINDS:
        raise InvalidInput(_("Ảnh chụp phôi phải là tệp PNG hoặc JPEG."))
    from PIL import Image, UnidentifiedImageError  # a runtime pin (reportlab draws with it)

    try:
        with Image.open(upload) as image:
            image.verify()
            width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise InvalidInput(_("Không đọc được ảnh chụp phôi: hãy chụp hoặc quét lại.")) from None
    finally:
        upload.seek(0)
    if width * height > SCAN_MAX_PIXELS:  # every preview decodes it whole
        raise InvalidInput(
            _("Ảnh chụp phôi quá lớn (%(w)d × %(h)d điểm ảnh): hãy quét ở 300 dpi.")
            % {"w": width, "h": height}
        )


@transaction.atomic
def layout_save(
    *,
    layout: CertificateLayout,
    actor: User,
    name: str,
    page_width_mm,
    page_height_mm,
    places: list[FieldPlace],
    revision: str | None = None,
    scan: UploadedFile | None = None,
    remove_scan: bool = False,
) -> CertificateLayout:
    """Change a layout: its name, sheet size, picture of the blank and where each piece of
    text goes (a piece left out is no longer printed). All of it or none of it."""
    _check_may(actor, layout.authority)
    row = CertificateLayout.objects.select_for_update().filter(pk=layout.pk).first()
    if row is None:
        raise InvalidInput(_("Bố cục này đã được xóa."))
    current = {f.content: f for f in row.fields.all()}
    _check_revision(layout_revision(row, list(current.values())), revision)
    name = (name or "").strip()
    if not name or len(name) > 150:
        raise InvalidInput(_("Tên phôi phải có, tối đa 150 ký tự."))
    width = _millimetres(page_width_mm, _("Khổ giấy: rộng"), *PAGE_MM)
    height = _millimetres(page_height_mm, _("Khổ giấy: cao"), *PAGE_MM)
    wanted = _checked_places(places, width, height)
    if scan is not None:
        _scan_checked(scan)

    changed: list[str] = []
    for content, values in wanted.items():
        field = current.get(content) or CertificateField(layout=row, content=content)
        if field.pk and all(getattr(field, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(field, key, value)
        save_with_history(field, actor)
        changed.append(content)
    for content, field in current.items():
        if content not in wanted:
            delete_with_history(field, actor)
            changed.append(content)
    row.name, row.page_width_mm, row.page_height_mm = name, width, height
    if remove_scan:
        row.blank_scan = ""
    if scan is not None:
        row.blank_scan.save(scan.name, scan, save=False)  # stored before the rows are:
    try:  # if they are not, the picture goes too
        save_and_record(
            row,
            actor=actor,
            action="certificate_layout.change",
            authority=row.authority,
            payload={
                "name": name,
                "page_mm": [str(width), str(height)],
                "fields_changed": sorted(changed),
                "scan": row.blank_scan.name,
            },
        )
    except Exception:
        if scan is not None:
            row.blank_scan.storage.delete(row.blank_scan.name)
        raise
    return row


@transaction.atomic
def layout_remove(*, layout: CertificateLayout, actor: User) -> None:
    """The authority prints with the layout above it again (its province's, or the default)."""
    _check_may(actor, layout.authority)
    row = CertificateLayout.objects.select_for_update().filter(pk=layout.pk).first()
    if row is None:
        return
    for field in row.fields.all():
        delete_with_history(field, actor)
    delete_and_record(
        row,
        actor=actor,
        action="certificate_layout.remove",
        authority=row.authority,
        payload={"name": row.name, "award_type": row.award_type_id},
    )
