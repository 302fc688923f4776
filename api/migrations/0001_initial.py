# IdempotentRequest moves here from workflow (workflow/migrations/0006_idempotentrequest_to_api).
# Its table, workflow_idempotentrequest, was created by workflow 0003 and stays as it is, rows
# included: this migration only tells Django's model state that api owns it now.

import django.core.serializers.json
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_helpers import content_type_moves


content_type_follows, content_type_goes_back = content_type_moves(
    "idempotentrequest", "workflow", "api"
)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("workflow", "0003_idempotent_requests"),  # which created the table
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="IdempotentRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("key", models.CharField(max_length=100, verbose_name="khóa")),
                        (
                            "fingerprint",
                            models.CharField(max_length=64, verbose_name="dấu vân tay yêu cầu"),
                        ),
                        ("status", models.PositiveSmallIntegerField(verbose_name="mã trả lời")),
                        (
                            "body",
                            models.JSONField(
                                encoder=django.core.serializers.json.DjangoJSONEncoder,
                                verbose_name="nội dung trả lời",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(auto_now_add=True, verbose_name="thời điểm"),
                        ),
                        (
                            "user",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="người gọi",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "yêu cầu có khóa chống lặp",
                        "verbose_name_plural": "yêu cầu có khóa chống lặp",
                        "db_table": "workflow_idempotentrequest",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("user", "key"), name="idempotency_key_once_per_user"
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_follows, content_type_goes_back),
    ]
