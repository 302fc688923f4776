import pytest
from django.db import connection

from tests.world import World, build_world

SQLITE_PURGE_PERMIT = "CREATE TABLE IF NOT EXISTS audit_test_purge_permit (id INTEGER)"


@pytest.fixture(scope="session", autouse=True)
def _sqlite_test_database_may_be_emptied(django_db_setup, django_db_blocker):
    """Let Django empty the SQLite test database between transactional tests (the audit
    table's triggers otherwise refuse the DELETE). PostgreSQL empties with TRUNCATE."""
    with django_db_blocker.unblock():
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(SQLITE_PURGE_PERMIT)


@pytest.fixture
def world(db) -> World:
    return build_world()
