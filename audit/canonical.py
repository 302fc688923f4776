"""The canonical JSON the audit chain hashes: one spelling for each value."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class CanonicalJSONEncoder(DjangoJSONEncoder):
    """One spelling per value: sorted keys, no spaces, UTF-8 as is. The payload column is
    stored with it, so the verifier can hash SQLite's stored text without re-encoding it."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        super().__init__(*args, **kwargs)


def canonical_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, cls=CanonicalJSONEncoder).encode()


class CanonicalJSONField(models.TextField):
    """JSON kept as its canonical text on every database.

    PostgreSQL's jsonb would reorder keys and add spaces; stored as text, the bytes the chain
    hashed are the bytes read back, so verification needs no re-encoding.
    """

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value: Any) -> str | None:
        return None if value is None else json.dumps(value, cls=CanonicalJSONEncoder)

    def value_to_string(self, obj: models.Model) -> str:
        return self.get_prep_value(self.value_from_object(obj)) or ""
