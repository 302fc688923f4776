"""Data steps shared by migrations (imported by them, so keep the signatures stable)."""

from __future__ import annotations


def grants_to_direct_tables(app_label: str, model_name: str, user_table: str, group_table: str):
    """A RunPython step moving guardian's generic grants on one model into its direct
    foreign-key tables, so nothing granted before the change is lost."""

    def forwards(apps, schema_editor) -> None:
        content_type = apps.get_model("contenttypes", "ContentType").objects.filter(
            app_label=app_label, model=model_name
        )
        model = apps.get_model(app_label, model_name)
        existing = set(model.objects.values_list("pk", flat=True))
        for generic_name, direct_name, holder in (
            ("UserObjectPermission", user_table, "user_id"),
            ("GroupObjectPermission", group_table, "group_id"),
        ):
            generic = apps.get_model("guardian", generic_name).objects.filter(
                content_type__in=content_type
            )
            direct = apps.get_model(app_label, direct_name)
            direct.objects.bulk_create(
                [
                    direct(
                        permission_id=row.permission_id,
                        content_object_id=int(row.object_pk),
                        **{holder: getattr(row, holder)},
                    )
                    for row in generic
                    if int(row.object_pk) in existing  # a grant on a deleted object is moot
                ],
                ignore_conflicts=True,
            )
            generic.delete()

    return forwards


def content_type_moves(model_name: str, old_app: str, new_app: str):
    """RunPython steps (forwards, backwards) for a model that changed app with its table: its
    content type is renamed rather than left stale, so permissions granted on it and admin log
    entries keep pointing at it. A fresh database has no content types yet (they are created
    after migrate): nothing to do. After a rollback, migrate has already made a bare content
    type under the new label; the old one, which carries the grants, replaces it."""

    def move(apps, schema_editor, old: str, new: str) -> None:
        content_types = apps.get_model("contenttypes", "ContentType")
        rows = content_types.objects.using(schema_editor.connection.alias)
        if rows.filter(app_label=old, model=model_name).exists():
            rows.filter(app_label=new, model=model_name).delete()
            rows.filter(app_label=old, model=model_name).update(app_label=new)
        content_types.objects.clear_cache()

    def forwards(apps, schema_editor) -> None:
        move(apps, schema_editor, old_app, new_app)

    def backwards(apps, schema_editor) -> None:
        move(apps, schema_editor, new_app, old_app)

    return forwards, backwards
