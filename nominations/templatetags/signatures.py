import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def moment(iso: str) -> datetime.datetime | None:
    """An ISO 8601 instant stored as text (a signature's time) as a local datetime, for the
    `date` filter: {{ s.signed_at|moment|date:"d/m/Y H:i" }}."""
    try:
        value = datetime.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return None
    return timezone.localtime(value) if timezone.is_aware(value) else value
