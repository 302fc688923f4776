"""Backups of a whole installation and their restore onto an empty one.

One archive (tar.gz) holds the database dump (backups/database.py), every file under MEDIA_ROOT
(attachments and generated papers) and manifest.json: each member's SHA-256 and size, the row
count of every table, the applied migrations and the application's version. A restore checks
every sum before it changes anything, then loads, then checks the result: row counts, each
attachment against the SHA-256 stored with it, and the audit chain.
"""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_event_record
from audit.verification import verify_chain
from backups.database import (
    BackupRefused,
    dump_database,
    is_empty,
    load_database,
    table_counts,
    vendor,
)
from nominations.models import Attachment, GeneratedDocument
from nominations.uploads import sha256_of

ARCHIVE_PREFIX = "thidua-backup-"
ARCHIVE_SUFFIX = ".tar.gz"
MANIFEST = "manifest.json"
FORMAT = 1
_PROJECT = Path(__file__).resolve().parent.parent


@dataclass
class BackupResult:
    path: Path
    manifest: dict
    removed: list[Path] = field(default_factory=list)


@dataclass
class RestoreReport:
    archive: str
    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return sha256_of(handle)


def _app_version() -> str:
    try:
        return package_version("thidua-khenthuong")
    except PackageNotFoundError:  # run from the source tree, as deployed
        for line in (_PROJECT / "pyproject.toml").read_text(encoding="utf-8").splitlines():
            if line.startswith("version"):
                return line.split("=", 1)[1].strip().strip('"')
    return ""


def _media_files(exclude: Path) -> list[tuple[str, Path]]:
    """Every regular file under MEDIA_ROOT, by its path relative to it (never a link, never
    the backup folder itself should someone put it inside MEDIA_ROOT)."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        if path.is_symlink() or not path.is_file() or path.is_relative_to(exclude):
            continue
        found.append((path.relative_to(root).as_posix(), path))
    return found


def _archive_name(output: Path) -> Path:
    # UTC, to the microsecond, so names sort in the order the archives were made.
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S-%f")
    return output / f"{ARCHIVE_PREFIX}{stamp}{ARCHIVE_SUFFIX}"


def archives_in(output: Path) -> list[Path]:
    """The backups in a folder, oldest first (their names sort by time)."""
    if not output.is_dir():
        return []
    named = (p for p in output.iterdir() if p.name.startswith(ARCHIVE_PREFIX))
    return sorted(p for p in named if p.name.endswith(ARCHIVE_SUFFIX) and p.is_file())


def backups_rotate(*, output: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` archives; returns those deleted."""
    if keep < 1:
        raise BackupRefused(_("Phải giữ lại ít nhất một bản sao lưu."))
    old = archives_in(output)[:-keep]
    for path in old:
        path.unlink()
    return old


def backup_create(*, output: Path, keep: int | None = None) -> BackupResult:
    """Write one archive of the installation into `output`, then keep the newest `keep`."""
    output = Path(output).resolve()
    output.mkdir(mode=0o700, parents=True, exist_ok=True)
    if keep is not None and keep < 1:
        raise BackupRefused(_("Phải giữ lại ít nhất một bản sao lưu."))
    path = _archive_name(output)
    # Recorded first, so the archive carries the record of its own making.
    audit_event_record(
        actor=None,
        action="backup.create",
        object_type="backup",
        object_id=path.name,
        payload={"archive": path.name},
    )
    partial = output / f".{path.name}.partial"
    with tempfile.TemporaryDirectory(dir=output) as staging:
        dump = dump_database(Path(staging))
        members: list[tuple[str, Path]] = [(f"database/{dump.path.name}", dump.path)]
        members += [(f"media/{name}", file) for name, file in _media_files(output)]
        files = {
            name: {"sha256": _file_sha256(file), "size": file.stat().st_size}
            for name, file in members
        }
        recorder = MigrationRecorder(connections["default"])
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "app_version": _app_version(),
            "database": {
                "vendor": vendor(),
                "format": dump.format,
                "member": f"database/{dump.path.name}",
            },
            "migrations": sorted(f"{app}.{name}" for app, name in recorder.applied_migrations()),
            "tables": dump.tables,
            "files": files,
        }
        try:
            # Level 6: scans and PDFs are compressed already; 9 would only cost time.
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                for name, file in members:
                    archive.add(file, arcname=name, recursive=False)
                body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(body), int(timezone.now().timestamp()), 0o600
                archive.addfile(info, _BytesReader(body))
            partial.chmod(0o600)  # it holds every password hash and every dossier
            partial.replace(path)  # a crash never leaves a half archive under a real name
        finally:
            partial.unlink(missing_ok=True)
    removed = backups_rotate(output=output, keep=keep) if keep else []
    return BackupResult(path=path, manifest=manifest, removed=removed)


class _BytesReader:
    def __init__(self, body: bytes) -> None:
        self._body, self._at = body, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._body) if size < 0 else self._at + size
        chunk, self._at = self._body[self._at : end], min(end, len(self._body))
        return chunk


# --- restore ---------------------------------------------------------------------------------


def _damaged(archive: Path, why: str) -> BackupRefused:
    return BackupRefused(
        _("Bản sao lưu %(name)s hỏng hoặc đã bị sửa (%(why)s): không khôi phục gì.")
        % {"name": archive.name, "why": why}
    )


def archive_unpack_checked(archive: Path, staging: Path) -> dict:
    """Unpack into `staging` and check every member against the manifest; the manifest, or
    BackupRefused. Nothing outside `staging` is touched."""
    try:
        with tarfile.open(archive, "r:gz") as bundle:
            members = bundle.getmembers()  # reads to the end: a damaged gzip fails here
            strange = [m.name for m in members if not (m.isfile() or m.isdir())]
            if strange:
                raise _damaged(archive, _("có mục không phải tệp: %s") % ", ".join(strange[:3]))
            bundle.extractall(staging, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise _damaged(archive, str(error)) from error
    try:
        manifest = json.loads((staging / MANIFEST).read_text(encoding="utf-8"))
        listed = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise _damaged(archive, _("không đọc được manifest.json")) from error
    if manifest.get("format") != FORMAT:
        raise _damaged(archive, _("định dạng %s không được hỗ trợ") % manifest.get("format"))
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {
        MANIFEST
    }
    if present != set(listed):
        extra, missing = sorted(present - set(listed)), sorted(set(listed) - present)
        raise _damaged(archive, _("tệp thừa %(e)s, thiếu %(m)s") % {"e": extra, "m": missing})
    for name, expected in sorted(listed.items()):
        path = staging / name
        if path.stat().st_size != expected["size"] or _file_sha256(path) != expected["sha256"]:
            raise _damaged(archive, _("mã SHA-256 của %s không khớp") % name)
    return manifest


def archive_migrations_check(manifest: dict) -> list[str]:
    """Refuse an archive made by a newer version; name the migrations still to apply."""
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    archived = set(manifest.get("migrations", []))
    unknown = sorted(archived - known)
    if unknown:
        raise BackupRefused(
            _(
                "Bản sao lưu được tạo bởi phiên bản mới hơn (%(version)s): có các migration "
                "%(names)s mà mã nguồn này không có. Hãy cài đúng phiên bản rồi khôi phục."
            )
            % {"version": manifest.get("app_version") or "?", "names": ", ".join(unknown[:5])}
        )
    return sorted(known - archived)


def _check_media_target(staging: Path) -> None:
    root = Path(settings.MEDIA_ROOT)
    media = staging / "media"
    if not media.is_dir():
        return
    for path in media.rglob("*"):
        target = root / path.relative_to(media)
        if path.is_file() and target.exists() and _file_sha256(target) != _file_sha256(path):
            raise BackupRefused(
                _(
                    "Thư mục MEDIA_ROOT (%(root)s) đã có tệp %(name)s khác với bản sao lưu: "
                    "hãy khôi phục vào một cài đặt trống."
                )
                % {"root": root, "name": target.relative_to(root)}
            )


def _restore_media(staging: Path) -> int:
    root = Path(settings.MEDIA_ROOT)
    media = staging / "media"
    moved = 0
    if media.is_dir():
        for path in sorted(media.rglob("*")):
            if path.is_file():
                target = root / path.relative_to(media)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(path, target)
                moved += 1
    return moved


def _check_restored(manifest: dict, report: RestoreReport) -> None:
    ContentType.objects.clear_cache()  # ids of the old installation must not linger
    counts = table_counts()
    expected = manifest["tables"]
    differ = sorted(
        t for t in set(counts) | set(expected) if counts.get(t) != expected.get(t)
    )  # fmt: skip
    for table in differ:
        report.problems.append(
            _("Bảng %(t)s: %(found)s dòng, bản sao lưu ghi %(expected)s.")
            % {"t": table, "found": counts.get(table, "—"), "expected": expected.get(table, "—")}
        )
    if not differ:
        report.checked.append(
            _("Số dòng của %(n)d bảng khớp với bản sao lưu (%(rows)d dòng).")
            % {"n": len(counts), "rows": sum(counts.values())}
        )
    intact = 0
    for attachment in Attachment.objects.only("pk", "file", "sha256").iterator():
        try:
            with attachment.file.open("rb") as handle:
                found = sha256_of(handle)
        except (FileNotFoundError, ValueError):
            found = ""
        if attachment.sha256 and found == attachment.sha256:
            intact += 1
        else:
            report.problems.append(
                _("Tệp đính kèm số %(pk)d (%(name)s): %(why)s.")
                % {
                    "pk": attachment.pk,
                    "name": attachment.file.name,
                    "why": _("không có tệp") if not found else _("mã SHA-256 không khớp"),
                }
            )
    report.checked.append(_("%(n)d tệp đính kèm khớp mã SHA-256 đã lưu.") % {"n": intact})
    papers = 0
    for document in GeneratedDocument.objects.only("pk", "docx", "pdf").iterator():
        for stored in (document.docx, document.pdf):
            if stored and not stored.storage.exists(stored.name):
                report.problems.append(
                    _("Văn bản số %(pk)d: thiếu tệp %(name)s.")
                    % {"pk": document.pk, "name": stored.name}
                )
            elif stored:
                papers += 1
    report.checked.append(_("%(n)d tệp văn bản đã tạo có mặt.") % {"n": papers})
    chain = verify_chain()
    if chain.intact:
        report.checked.append(
            _("Nhật ký kiểm tra: %(n)d sự kiện, chuỗi mã băm nguyên vẹn.") % {"n": chain.checked}
        )
    else:
        report.problems.append(
            _("Nhật ký kiểm tra hỏng tại sự kiện số %(s)d (%(why)s).")
            % {"s": chain.broken.sequence, "why": chain.broken.why}
        )


def backup_check(*, archive: Path) -> dict:
    """Check an archive's sums without restoring it (a test of last night's backup)."""
    with tempfile.TemporaryDirectory() as staging:
        return archive_unpack_checked(Path(archive), Path(staging))


def backup_restore(*, archive: Path) -> RestoreReport:
    """Restore an archive into the empty database and MEDIA_ROOT this installation points at.

    Refusals (BackupRefused) change nothing: the database must have no table, every sum in the
    manifest must hold, and the archive must come from this vendor and no newer version. The
    report lists what was checked after loading; any problem there makes it not ok."""
    archive = Path(archive)
    if not is_empty():
        raise BackupRefused(
            _(
                "Cơ sở dữ liệu đích không trống (đã có bảng): không khôi phục gì. Hãy tạo một "
                "cơ sở dữ liệu mới, trống (không chạy migrate), rồi khôi phục vào đó."
            )
        )
    report = RestoreReport(archive=archive.name)
    # Unpacked under TMPDIR: it needs room for the whole archive, unpacked.
    with tempfile.TemporaryDirectory(prefix="thidua-restore-") as staging_name:
        staging = Path(staging_name)
        manifest = archive_unpack_checked(archive, staging)
        report.checked.append(
            _("Mã SHA-256 của %(n)d tệp trong bản sao lưu khớp với manifest.json.")
            % {"n": len(manifest["files"])}
        )
        database = manifest["database"]
        if database["vendor"] != vendor():
            raise BackupRefused(
                _("Bản sao lưu của %(archived)s không khôi phục được vào %(here)s.")
                % {"archived": database["vendor"], "here": vendor()}
            )
        pending = archive_migrations_check(manifest)
        _check_media_target(staging)
        load_database(staging / database["member"], database["format"])
        moved = _restore_media(staging)
        report.checked.append(
            _("Đã nạp cơ sở dữ liệu và %(n)d tệp vào %(root)s.")
            % {"n": moved, "root": settings.MEDIA_ROOT}
        )
    _check_restored(manifest, report)
    if pending:
        report.notes.append(
            _("Mã nguồn có %(n)d migration mới hơn bản sao lưu: chạy `manage.py migrate`.")
            % {"n": len(pending)}
        )
    if report.ok:
        audit_event_record(
            actor=None,
            action="backup.restore",
            object_type="backup",
            object_id=archive.name,
            payload={"archive": archive.name, "created_at": manifest.get("created_at", "")},
        )
    return report
