# OutboxMessage now belongs to the outbox app (outbox/0001_initial), which keeps the table
# workflow_outboxmessage and its rows: only Django's model state changes here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workflow', '0006_idempotentrequest_to_api'),
        ('outbox', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='OutboxMessage')],
            database_operations=[],
        ),
    ]
