"""The nightly chain check (Celery beat); a break notifies the auditors."""

from __future__ import annotations

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEvent
from audit.verification import verify_chain
from councils.models import Membership
from workflow.models import Notification


@shared_task(acks_late=True)
def verify_audit_chain() -> bool:
    report = verify_chain()
    if report.intact:
        return True
    broken = report.broken
    authority_id = (
        AuditEvent.objects.filter(sequence=broken.sequence)
        .values_list("authority_id", flat=True)
        .first()
    )
    auditors = Membership.objects.active_on(timezone.localdate()).filter(role="auditor")
    if authority_id is not None:
        auditors = auditors.filter(authority_id=authority_id)
    message = (
        f"Nhật ký kiểm tra bị thay đổi tại sự kiện số {broken.sequence} ({broken.why}). "
        "Cần kiểm tra ngay."
    )
    with transaction.atomic():
        Notification.objects.bulk_create(
            Notification(user=user, message=message)
            for user in User.objects.filter(memberships__in=auditors).distinct()
        )
    return False
