# IdempotentRequest moves to the api app (api/migrations/0001_initial), which takes over its
# table as it is: workflow forgets the model, the database keeps the table and its rows.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0005_history_reasons_in_full"),
        ("api", "0001_initial"),  # the model has its new owner before the old one lets go
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="IdempotentRequest")],
            database_operations=[],
        ),
    ]
