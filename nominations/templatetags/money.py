from django import template

from nominations.formatting import format_dong

register = template.Library()


@register.filter
def dong(amount: int | None) -> str:
    """{{ prize|dong }} → 760.000 đ"""
    return "" if amount is None else format_dong(int(amount))


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)
