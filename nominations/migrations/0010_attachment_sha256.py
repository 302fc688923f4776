"""Attachments keep the SHA-256 of their bytes; files uploaded before get theirs from disk."""

import hashlib

from django.db import migrations, models


def fill_sha256(apps, schema_editor):
    # A row whose file is already missing keeps an empty sum: the download refuses it and a
    # restore reports it, rather than the migration failing on a server that lost a file.
    Attachment = apps.get_model("nominations", "Attachment")
    for attachment in Attachment.objects.filter(sha256="").iterator():
        try:
            with attachment.file.open("rb") as handle:
                digest = hashlib.sha256()
                for chunk in handle.chunks():
                    digest.update(chunk)
        except (FileNotFoundError, ValueError):
            continue
        Attachment.objects.filter(pk=attachment.pk).update(sha256=digest.hexdigest())


class Migration(migrations.Migration):
    dependencies = [
        ("nominations", "0009_direct_object_permissions"),
    ]

    operations = [
        migrations.AddField(
            model_name="attachment",
            name="sha256",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="mã băm SHA-256"
            ),
        ),
        migrations.AddField(
            model_name="historicalattachment",
            name="sha256",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="mã băm SHA-256"
            ),
        ),
        migrations.RunPython(fill_sha256, migrations.RunPython.noop),
    ]
