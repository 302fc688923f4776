# The outbox's model left workflow for this app (outbox 0001, workflow 0007): its content type
# follows it, so permissions on it and admin log entries stay attached.

from django.db import migrations

from core.migration_helpers import content_type_moves

forwards, backwards = content_type_moves("outboxmessage", "workflow", "outbox")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("outbox", "0001_initial"),
        ("workflow", "0007_outbox_moves_to_its_app"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
