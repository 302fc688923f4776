# The outbox's table was created by workflow (workflow/0004_outbox); it passes to this app
# unchanged: this migration only tells Django's model state that the outbox owns it.

import django.core.serializers.json
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('workflow', '0005_history_reasons_in_full'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='OutboxMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('email', 'Thư điện tử'), ('document', 'Tạo văn bản')], max_length=20, verbose_name='loại việc')),
                        ('key', models.CharField(max_length=200, unique=True, verbose_name='khóa sự kiện')),
                        ('payload', models.JSONField(encoder=django.core.serializers.json.DjangoJSONEncoder, verbose_name='nội dung')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='tạo lúc')),
                        ('attempted_at', models.DateTimeField(blank=True, null=True, verbose_name='lần thử gần nhất')),
                        ('attempts', models.PositiveIntegerField(default=0, verbose_name='số lần thử')),
                        ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='đã gửi lúc')),
                        ('last_error', models.TextField(blank=True, verbose_name='lỗi gần nhất')),
                    ],
                    options={
                        'verbose_name': 'việc chờ gửi',
                        'verbose_name_plural': 'việc chờ gửi',
                        'db_table': 'workflow_outboxmessage',
                        'ordering': ['-created_at', '-id'],
                        'indexes': [models.Index(condition=models.Q(('delivered_at__isnull', True)), fields=['created_at'], name='outbox_undelivered')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
