"""A backup of the demo plus some activity, restored into a fresh database by `manage.py
restore` in its own process (as an administrator runs it): the same rows, the same attachments
by hash, an intact audit chain. Runs on whichever database the suite runs on (SQLite or
PostgreSQL): the fresh database is a new SQLite file, or a second PostgreSQL database."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from audit.models import AuditEvent
from audit.verification import verify_chain
from backups.database import BackupRefused, table_counts
from backups.services import MANIFEST, archives_in, backup_check, backup_create
from nominations.models import Attachment, GeneratedDocument, Nomination
from nominations.services import attachment_add
from workflow import services as workflow_services

# Committed rows, for pg_dump and sqlite3 to see; serialized_rollback puts the migrations' rows
# back afterwards, as the other transactional tests of the suite do.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def media(tmp_path, settings) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_with_activity(media):
    """The demo, then a unit head attaches two papers to a draft and submits it, and a paper
    is generated for it (its files written directly: LibreOffice is not what is tested)."""
    call_command("load_demo", verbosity=0, quiet_logins=True)
    nomination = Nomination.objects.filter(state=Nomination.State.DRAFT).order_by("pk").first()
    head = nomination.created_by
    page = docx.Document()
    page.add_paragraph("Biên bản bình xét của thôn")
    scan = io.BytesIO()
    page.save(scan)

    for name, content, kind in (
        ("bien-ban.docx", scan.getvalue(), ""),
        ("to-trinh.pdf", PDF, "application/pdf"),
    ):
        attachment_add(
            nomination=nomination,
            actor=head,
            document="bien_ban_binh_xet",
            upload=SimpleUploadedFile(name, content, kind),
        )
    workflow_services.nomination_submit(nomination=nomination, actor=head)
    GeneratedDocument.objects.create(
        kind=GeneratedDocument.Kind.ACHIEVEMENT_REPORT,
        nomination=nomination,
        version=1,
        request_id=uuid.uuid4(),
        template_name="bao-cao-thanh-tich.docx",
        template_sha256="0" * 64,
        docx=ContentFile(b"PK\x03\x04 docx", name="bao-cao.docx"),
        pdf=ContentFile(PDF, name="bao-cao.pdf"),
        created_by=head,
    )
    return nomination


@pytest.fixture
def fresh_database(tmp_path):
    """The DATABASE_URL of an empty database nothing was migrated into."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}"
        return
    name = f"{params['NAME']}_restored"[:63]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    credentials = quote(params["USER"] or "", safe="")
    if params.get("PASSWORD"):
        credentials += ":" + quote(params["PASSWORD"], safe="")
    host = f"{params['HOST'] or '127.0.0.1'}:{params['PORT'] or 5432}"
    try:
        yield f"postgres://{credentials}@{host}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _manage(*arguments: str, database_url: str, media_root: Path):
    """manage.py in its own process, configured as on a server: by environment variables."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
        "CELERY_BROKER_URL": "",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


# What the restored database holds, read by a process connected to it alone.
_PROBE = """
import json
from audit.models import AuditEvent
from backups.database import table_counts
from nominations.models import Attachment
last = AuditEvent.objects.order_by("-sequence").first() if table_counts() else None
print(json.dumps({
    "tables": table_counts(),
    "attachments": [list(row) for row in Attachment.objects.values_list("pk", "file", "sha256")]
    if last else [],
    "last": [last.action, last.payload] if last else None,
}))
"""


def _probe(database_url: str, media_root: Path) -> dict:
    probe = _manage("shell", "-c", _PROBE, database_url=database_url, media_root=media_root)
    assert probe.returncode == 0, probe.stderr
    return json.loads(probe.stdout.strip().splitlines()[-1])


def _hashes(rows, media_root: Path) -> dict[int, tuple[str, str]]:
    """Each attachment's stored SHA-256 and that of its file, by id."""
    return {
        pk: (stored, hashlib.sha256((media_root / name).read_bytes()).hexdigest())
        for pk, name, stored in rows
    }


def test_a_backup_of_the_demo_restores_into_a_fresh_database(
    demo_with_activity, media, tmp_path, fresh_database
):
    result = backup_create(output=tmp_path / "archives", keep=3)
    source_counts = table_counts()
    source_hashes = _hashes(Attachment.objects.values_list("pk", "file", "sha256"), media)
    assert result.manifest["tables"] == source_counts  # nothing happened since the snapshot
    assert source_counts["nominations_attachment"] > 2
    assert source_counts["nominations_generateddocument"] == 1
    assert "nominations.0010_attachment_sha256" in result.manifest["migrations"]
    assert result.manifest["app_version"] == "0.1.0"
    assert oct(result.path.stat().st_mode & 0o777) == "0o600"
    document = GeneratedDocument.objects.get()
    assert f"media/{document.pdf.name}" in result.manifest["files"]
    assert AuditEvent.objects.filter(action="backup.create").count() == 1

    url = fresh_database
    restored_media = tmp_path / "restored-media"
    restore = _manage("restore", str(result.path), database_url=url, media_root=restored_media)
    assert restore.returncode == 0, restore.stdout + restore.stderr
    assert "chuỗi mã băm nguyên vẹn" in restore.stdout
    assert "Đã khôi phục" in restore.stdout

    restored = _probe(url, restored_media)
    restored_counts = restored["tables"]
    restored_hashes = _hashes(restored["attachments"], restored_media)
    # The same rows, save the restore's own record at the end of the chain.
    assert restored_counts == {
        **source_counts,
        "audit_auditevent": source_counts["audit_auditevent"] + 1,
    }
    action, payload = restored["last"]
    assert action == "backup.restore"
    assert payload["archive"] == result.path.name
    # The same attachments by hash, and each file still has the hash taken at upload.
    assert restored_hashes == source_hashes
    assert all(stored == on_disk for stored, on_disk in restored_hashes.values())
    assert (restored_media / document.pdf.name).read_bytes() == PDF
    # audit_verify, run as an administrator would, on the restored database.
    verify = _manage("audit_verify", database_url=url, media_root=restored_media)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "Chuỗi nguyên vẹn" in verify.stdout


def test_a_changed_byte_is_refused_before_anything_is_restored(
    demo_with_activity, tmp_path, fresh_database
):
    archive = backup_create(output=tmp_path / "archives").path
    data = bytearray(archive.read_bytes())
    data[len(data) // 2] ^= 0x01
    archive.write_bytes(bytes(data))
    url = fresh_database
    restored_media = tmp_path / "restored-media"
    restore = _manage("restore", str(archive), database_url=url, media_root=restored_media)
    assert restore.returncode != 0
    assert "hỏng hoặc đã bị sửa" in restore.stderr
    assert _probe(url, restored_media)["tables"] == {}  # not a table created
    assert not restored_media.exists()


def test_a_restore_that_finds_a_damaged_attachment_says_so_and_fails(
    demo_with_activity, media, tmp_path, fresh_database
):
    """A file damaged on the server before the backup: the archive's sums hold (they were taken
    from the damaged file), but the attachment's own SHA-256 from upload time does not."""
    attachment = Attachment.objects.order_by("pk").first()
    (media / attachment.file.name).write_bytes(b"%PDF-1.4 overwritten")
    archive = backup_create(output=tmp_path / "archives").path
    url = fresh_database
    restored_media = tmp_path / "restored-media"
    restore = _manage("restore", str(archive), database_url=url, media_root=restored_media)
    assert restore.returncode != 0
    assert f"Tệp đính kèm số {attachment.pk}" in restore.stdout
    assert "mã SHA-256 không khớp" in restore.stdout
    assert "có 1 chỗ không khớp" in restore.stderr
    assert _probe(url, restored_media)["last"][0] == "backup.create"  # no restore recorded


def _repacked(archive: Path, target: Path, change) -> Path:
    """The same archive with one member's bytes changed and the manifest left as it was."""
    with tarfile.open(archive) as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            body = source.extractfile(member).read()
            body = change(member.name, body)
            member.size = len(body)
            copy.addfile(member, io.BytesIO(body))
    return target


def test_a_member_changed_inside_a_sound_archive_is_named(demo_with_activity, tmp_path):
    archive = backup_create(output=tmp_path / "archives").path
    attachment = Attachment.objects.order_by("pk").first()
    member = f"media/{attachment.file.name}"

    def one_byte(name: str, body: bytes) -> bytes:
        return body[:-1] + bytes([body[-1] ^ 1]) if name == member else body

    forged = _repacked(archive, tmp_path / "forged.tar.gz", one_byte)
    with pytest.raises(BackupRefused) as refused:
        backup_check(archive=forged)
    assert f"mã SHA-256 của {member} không khớp" in refused.value.message

    def extra(name: str, body: bytes) -> bytes:
        if name == MANIFEST:
            manifest = json.loads(body)
            del manifest["files"][member]
            return json.dumps(manifest).encode()
        return body

    unlisted = _repacked(archive, tmp_path / "unlisted.tar.gz", extra)
    with pytest.raises(BackupRefused) as refused:
        backup_check(archive=unlisted)
    assert "tệp thừa" in refused.value.message
    assert backup_check(archive=archive)["files"]  # the untouched one passes


def test_a_restore_into_a_database_in_use_is_refused_and_changes_nothing(
    demo_with_activity, media, tmp_path
):
    archive = backup_create(output=tmp_path / "archives").path
    counts = table_counts()
    files = sorted(p for p in media.rglob("*") if p.is_file())
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive))
    assert "Cơ sở dữ liệu đích không trống" in str(refused.value)
    assert table_counts() == counts
    assert sorted(p for p in media.rglob("*") if p.is_file()) == files
    assert verify_chain().intact


def test_the_check_option_only_reads_the_archive(demo_with_activity, tmp_path):
    archive = backup_create(output=tmp_path / "archives").path
    counts = table_counts()
    out = io.StringIO()
    call_command("restore", str(archive), "--check", stdout=out)
    assert "Bản sao lưu nguyên vẹn" in out.getvalue()
    assert table_counts() == counts


def test_rotation_keeps_the_newest_archives(world, media, tmp_path):
    output = tmp_path / "archives"
    made = []
    for _ in range(4):
        out = io.StringIO()
        call_command("backup", "--output", str(output), "--keep", "2", stdout=out)
        made.append(Path(out.getvalue().strip().splitlines()[-1].split(": ", 1)[1]))
    assert archives_in(output) == made[-2:]
    assert "Đã xoá bản cũ" in out.getvalue()
    (output / "notes.txt").write_text("not an archive")
    with pytest.raises(CommandError):
        call_command("backup", "--output", str(output), "--keep", "0")
    assert (output / "notes.txt").exists()  # rotation touches archives only


def test_the_nightly_task_is_scheduled_and_rotates(world, media, tmp_path, settings):
    from config import celery_app

    entry = settings.CELERY_BEAT_SCHEDULE["backups-nightly"]
    celery_app.loader.import_default_modules()  # what a worker does at start: autodiscovery
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].hour == {2}
    settings.BACKUP_DIR = tmp_path / "nightly"
    settings.BACKUP_KEEP = 1
    task = celery_app.tasks[entry["task"]]
    first = Path(task.delay().get())
    second = Path(task.delay().get())
    assert archives_in(settings.BACKUP_DIR) == [second]
    assert not first.exists()
    assert backup_check(archive=second)["database"]["vendor"] == connection.vendor


def test_the_database_password_never_reaches_a_command_line(monkeypatch, tmp_path):
    from backups import database

    calls = []
    monkeypatch.setattr(database, "_run", lambda arguments, env: calls.append((arguments, env)))
    monkeypatch.setattr(database, "_pg_program", lambda name: f"/usr/bin/{name}")
    wrapper = connections["default"]
    for key, value in (("PASSWORD", "bí-mật-123"), ("USER", "thidua"), ("HOST", "db")):
        monkeypatch.setitem(wrapper.settings_dict, key, value)
    monkeypatch.setattr(wrapper, "vendor", "postgresql")
    monkeypatch.setattr(wrapper, "close", lambda: None)
    database.load_database(tmp_path / "database.pgdump", "pg_dump-custom")
    arguments, environment = calls[0]
    assert arguments[0] == "/usr/bin/pg_restore"
    assert not any("bí-mật-123" in argument for argument in arguments)
    assert environment["PGPASSWORD"] == "bí-mật-123"
    assert (environment["PGUSER"], environment["PGHOST"]) == ("thidua", "db")
