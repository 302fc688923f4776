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
