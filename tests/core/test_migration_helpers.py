"""A model that changes app keeps its content type, and the grants hanging on it."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from core.migration_helpers import content_type_moves

pytestmark = pytest.mark.django_db
EDITOR = SimpleNamespace(connection=connection)


def test_the_old_content_type_replaces_the_bare_new_one_and_keeps_its_permissions():
    bare = ContentType.objects.get(app_label="outbox", model="outboxmessage")
    old = ContentType.objects.create(app_label="workflow", model="outboxmessage")
    granted = Permission.objects.create(
        content_type=old, codename="resend_outboxmessage", name="Gửi lại"
    )
    forwards, backwards = content_type_moves("outboxmessage", "workflow", "outbox")

    forwards(apps, EDITOR)

    moved = ContentType.objects.get(app_label="outbox", model="outboxmessage")
    assert moved.pk == old.pk
    assert not ContentType.objects.filter(pk=bare.pk).exists()
    assert Permission.objects.get(pk=granted.pk).content_type_id == old.pk

    backwards(apps, EDITOR)
    assert ContentType.objects.get(pk=old.pk).app_label == "workflow"


def test_a_fresh_database_has_nothing_to_move():
    before = set(ContentType.objects.values_list("pk", "app_label", "model"))
    forwards, _backwards = content_type_moves("nosuchmodel", "workflow", "outbox")
    forwards(apps, EDITOR)
    assert set(ContentType.objects.values_list("pk", "app_label", "model")) == before
