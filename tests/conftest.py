import importlib

import pytest
from django.db import connection

from tests.world import World, build_world

PURGE_PERMIT = "CREATE TABLE IF NOT EXISTS audit_test_purge_permit (id INTEGER)"


@pytest.fixture(scope="session", autouse=True)
def _sqlite_test_database_may_be_emptied(django_db_setup, django_db_blocker):
    """Let Django empty the test database between transactional tests: the audit table's
    triggers otherwise refuse SQLite's DELETE and PostgreSQL's TRUNCATE (audit migrations
    0003, 0004)."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(PURGE_PERMIT)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _catalogue_in_transactional_tests(request):
    """Transactional tests (threads, the live server) run on a database Django empties between
    them; put the shipped catalogue back the way its data migration wrote it, if it is gone."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("_django_db_helper")  # after the database is set up for the test
    from django.apps import apps

    from nominations.models import AwardType

    if AwardType.objects.exists():
        return
    loaders = (
        ("0002_catalogue", "load_catalogue"),
        ("0004_default_eligibility_rules", "set_rules"),
        ("0014_award_ledger", "chain_rules"),
        ("0015_legal_bases_by_date", "state_texts"),
        ("0016_household_prize_times_the_individual", "household_prizes_follow_the_individual"),
        ("0018_simplified_procedure_for_ad_hoc_feats", "simplified_for_ad_hoc"),
        ("0021_conduct_and_the_nominees_year", "conditions_on_the_year"),
        ("0022_deciders_narrowed_by_managing_body", "deciders_by_managing_body"),
        ("0023_merit_grounds_instead_of_consecutive_years", "bang_khen_tinh_grounds"),
        ("0024_ttldxs_reads_its_members_titles", "ttldxs_member_titles"),
    )
    for name, loader in loaders:
        migration = importlib.import_module(f"nominations.migrations.{name}")
        getattr(migration, loader)(apps, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Sign-in throttling counts live in the cache; no test inherits another's."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """A request under /en/ leaves English active in the thread; each test starts in Vietnamese."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _checkpoints_of_this_test(settings, tmp_path):
    """Audit checkpoints (and the key made on first use) in a folder of the test's own: a
    checkpoint of another test's chain would read as a truncated log here."""
    settings.AUDIT_CHECKPOINT_DIR = str(tmp_path / "audit-checkpoints")
    settings.AUDIT_CHECKPOINT_KEY = ""
    settings.AUDIT_CHECKPOINT_KEY_FILE = ""
