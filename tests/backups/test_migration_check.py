"""An archive made by a newer version of the application is refused before anything is loaded;
one made by an older version is restored and the migrations still to run are named."""

from __future__ import annotations

import pytest

from backups.database import BackupRefused
from backups.services import archive_migrations_check


def test_an_archive_from_a_newer_version_is_refused():
    manifest = {
        "app_version": "9.0.0",
        "migrations": ["nominations.0001_initial", "nominations.9999_later"],
    }
    with pytest.raises(BackupRefused) as refused:
        archive_migrations_check(manifest)
    assert "phiên bản mới hơn (9.0.0)" in refused.value.message
    assert "nominations.9999_later" in refused.value.message


def test_an_archive_from_an_older_version_names_what_migrate_will_add():
    pending = archive_migrations_check({"migrations": ["nominations.0001_initial"]})
    assert "nominations.0010_attachment_sha256" in pending
    assert "nominations.0001_initial" not in pending
