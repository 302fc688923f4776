"""Every URL the project serves, read from the URL resolver and the OpenAPI schema, so a new
page or endpoint is covered by the security tests without anyone listing it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from drf_spectacular.generators import SchemaGenerator


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name" as reverse() takes it
    kwargs: tuple[str, ...]
    api: bool
    positional: int = 0  # unnamed groups (simple_history's admin pages)


def _groups(pattern) -> list[str]:
    return list(pattern.regex.groupindex)


def _unnamed(pattern) -> int:
    return pattern.regex.groups - len(pattern.regex.groupindex)


def _walk(patterns, prefix: str, namespace: str | None, groups: list[str], unnamed: int):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(
                entry.url_patterns,
                prefix + str(entry.pattern),
                inner,
                groups + _groups(entry.pattern),
                unnamed + _unnamed(entry.pattern),
            )
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            kwargs = tuple(groups + _groups(entry.pattern))
            api = (prefix + str(entry.pattern)).replace("^", "").startswith("api/")
            yield Route(name, kwargs, api, unnamed + _unnamed(entry.pattern))


def all_routes() -> list[Route]:
    """One Route per named URL pattern; DRF's `.json` format-suffix twins are left out (the
    same view answers them)."""
    seen: dict[tuple, Route] = {}
    for route in _walk(get_resolver().url_patterns, "", None, [], 0):
        if "format" in route.kwargs:
            continue
        seen.setdefault((route.name, route.kwargs), route)
    return list(seen.values())


def url_of(route: Route, values: dict[str, object]) -> str:
    if route.positional:
        return reverse(route.name, args=["1"] * route.positional)
    missing = [name for name in route.kwargs if name not in values]
    assert not missing, f"{route.name}: no sample value for {missing}; add one to the test"
    return reverse(route.name, kwargs={name: values[name] for name in route.kwargs})


def api_writes() -> list[tuple[str, str]]:
    """(method, path template) of every write operation in the OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    ]


def fill(template: str, values: dict[str, object]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), template)
