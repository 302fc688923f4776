from django import template
from django.utils import formats

from nominations.formatting import format_dong

register = template.Library()


@register.filter
def dong(amount: int | None) -> str:
    """{{ prize|dong }} → 760.000 đ"""
    return "" if amount is None else format_dong(int(amount))


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.filter
def grouped(number: int) -> str:
    """{{ 10000|grouped }} → 10.000 (10,000 in English): thousands grouped as the language
    writes them."""
    return formats.number_format(number, force_grouping=True)
