"""The base of every domain admin: an edit there leaves field history with the user and a
reason, and an audit event, like any other change."""

from __future__ import annotations

from django.db import models, transaction
from simple_history.admin import SimpleHistoryAdmin

from audit.services import audit_event_record

# The event family of an admin edit: catalogue rows and roles are what auditors look for.
FAMILY = {
    "nominations.awardtype": "catalogue",
    "nominations.awardkindrule": "catalogue",
    "nominations.awarddecisionrule": "catalogue",
    "nominations.awarddocumentrequirement": "catalogue",
    "nominations.basesalary": "catalogue",
    "councils.membership": "role",
    "councils.delegation": "delegation",
    "accounts.user": "account",
}
ADMIN_REASON = "Sửa trên trang quản trị"


def _authority_of(obj: models.Model):
    # By label, not by class: the audit log imports no domain app.
    if obj._meta.label_lower == "councils.authority":
        return obj
    return getattr(obj, "authority", None)


def record_admin_event(request, obj: models.Model, verb: str, fields: list[str]) -> None:
    family = FAMILY.get(obj._meta.label_lower, "admin")
    audit_event_record(
        actor=request.user,
        action=f"{family}.{verb}",
        target=obj,
        authority=_authority_of(obj),
        payload={"changed": sorted(fields), "via": "admin"},
    )


class AuditedHistoryAdmin(SimpleHistoryAdmin):
    def save_model(self, request, obj, form, change) -> None:
        obj._change_reason = ADMIN_REASON
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            record_admin_event(request, obj, "change" if change else "add", form.changed_data)

    def delete_model(self, request, obj) -> None:
        obj._change_reason = ADMIN_REASON
        with transaction.atomic():
            record_admin_event(request, obj, "delete", [])
            super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change) -> None:
        with transaction.atomic():
            instances = formset.save(commit=False)
            for deleted in formset.deleted_objects:
                record_admin_event(request, deleted, "delete", [])
                deleted._change_reason = ADMIN_REASON
                deleted.delete()
            changed = {f.instance: f.changed_data for f in formset.forms if f.has_changed()}
            for instance in instances:
                instance._change_reason = ADMIN_REASON
                verb = "add" if instance.pk is None else "change"
                instance.save()
                record_admin_event(request, instance, verb, changed.get(instance, []))
            formset.save_m2m()
