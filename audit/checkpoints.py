"""Signed checkpoints of the audit chain's head, kept outside the database.

The hash chain proves that no event was changed *unless* whoever changed it also recomputed
every later hash, or simply deleted the newest events: the algorithm is public and the
database holds everything it needs. A checkpoint closes that gap: the head of the chain
(sequence, hash, time) signed with an Ed25519 key the database does not hold, appended to a
store outside the database (by default a JSON-lines file in a folder beside the media). Later
the chain must still contain, at each checkpoint's sequence, the event with that hash:

- a re-chained log has another hash there ("re-chaining", reported with the range in which
  the change lies: after the last checkpoint that still matches);
- a log whose newest events were deleted or emptied (TRUNCATE) ends before the checkpoint
  ("truncation", reported with the first missing sequence).

Checkpoints are written hourly by Celery beat (`audit.tasks.audit_checkpoint_task`) and on
demand (`manage.py audit_checkpoint`); `manage.py audit_verify` checks them all.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import GENESIS_HASH

KEY_FILE_NAME = "checkpoint-signing-key.pem"
STORE_FILE_NAME = "checkpoints.jsonl"


# --- keys -------------------------------------------------------------------------------------


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(key: Ed25519PublicKey) -> str:
    """A short name of a public key: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(_raw_public(key)).hexdigest()[:16]


def _key_from_text(text: str) -> Ed25519PrivateKey:
    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_private_key(text.encode(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ImproperlyConfigured("The audit checkpoint key is not an Ed25519 key.")
        return key
    return Ed25519PrivateKey.from_private_bytes(base64.b64decode(text))  # the 32-byte seed


def signing_key() -> Ed25519PrivateKey:
    """AUDIT_CHECKPOINT_KEY (base64 seed or PEM), else AUDIT_CHECKPOINT_KEY_FILE; with neither,
    a key generated on first use beside the checkpoints (development only: production
    settings require one, so a wiped folder cannot silently start a new key)."""
    if settings.AUDIT_CHECKPOINT_KEY:
        return _key_from_text(settings.AUDIT_CHECKPOINT_KEY)
    path = Path(settings.AUDIT_CHECKPOINT_KEY_FILE or checkpoint_dir() / KEY_FILE_NAME)
    if path.exists():
        return _key_from_text(path.read_text())
    if not settings.AUDIT_CHECKPOINT_KEY_GENERATE:
        raise ImproperlyConfigured(
            f"No audit checkpoint key: set AUDIT_CHECKPOINT_KEY or AUDIT_CHECKPOINT_KEY_FILE "
            f"({path} does not exist)."
        )
    new_key_file(path)
    return _key_from_text(path.read_text())


def new_key_file(path: Path) -> str:
    """A new Ed25519 key in a PEM file only its owner reads; return the public key (base64)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # Created readable by this user only, never world-readable even for a moment.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(pem)
    return base64.b64encode(_raw_public(key.public_key())).decode()


def trusted_keys() -> dict[str, Ed25519PublicKey]:
    """The public keys whose checkpoints are accepted: the signing key's, and earlier keys
    (AUDIT_CHECKPOINT_PUBLIC_KEYS, base64 of the raw 32 bytes) kept after a rotation."""
    keys = [signing_key().public_key()]
    keys += [
        Ed25519PublicKey.from_public_bytes(base64.b64decode(text))
        for text in settings.AUDIT_CHECKPOINT_PUBLIC_KEYS
    ]
    return {key_id(key): key for key in keys}


# --- the store --------------------------------------------------------------------------------


def checkpoint_dir() -> Path:
    return Path(settings.AUDIT_CHECKPOINT_DIR)


class FileStore:
    """Checkpoints as JSON lines appended to one file (O_APPEND, fsync'd). Another store (object
    storage with a retention lock) needs only `append` and `lines`."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / STORE_FILE_NAME

    def append(self, line: str) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o640)
        try:
            os.write(descriptor, (line + "\n").encode())
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def lines(self) -> Iterator[tuple[int, str]]:
        if not self.path.exists():
            return
        with self.path.open(encoding="utf-8") as file:
            for number, line in enumerate(file, start=1):
                if line.strip():
                    yield number, line


def store() -> FileStore:
    return FileStore(checkpoint_dir())


# --- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Checkpoint:
    sequence: int  # the chain's head when it was taken (0: an empty chain)
    hash: str
    at: str  # ISO time, UTC
    key: str  # key_id of the signing key
    signature: str = ""  # base64 Ed25519 signature of `signed_text()`

    def signed_text(self) -> bytes:
        fields = {"sequence": self.sequence, "hash": self.hash, "at": self.at, "key": self.key}
        return json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()

    @property
    def moment(self) -> datetime.datetime:
        return datetime.datetime.fromisoformat(self.at)


def chain_head() -> tuple[int, str]:
    head = AuditEvent.objects.order_by("-sequence").values_list("sequence", "hash").first()
    return head or (0, GENESIS_HASH)


def audit_checkpoint_write() -> Checkpoint:
    """Sign the chain's current head and append it to the store."""
    key = signing_key()
    sequence, head_hash = chain_head()
    unsigned = Checkpoint(
        sequence=sequence,
        hash=head_hash,
        at=timezone.now().astimezone(datetime.UTC).isoformat(timespec="seconds"),
        key=key_id(key.public_key()),
    )
    signature = base64.b64encode(key.sign(unsigned.signed_text())).decode()
    checkpoint = Checkpoint(**{**asdict(unsigned), "signature": signature})
    store().append(json.dumps(asdict(checkpoint), sort_keys=True))
    return checkpoint


def last_checkpoint() -> Checkpoint | None:
    last = None
    for _number, line in store().lines():
        try:
            last = Checkpoint(**json.loads(line))
        except (ValueError, TypeError):
            continue
    return last


# --- checking ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckpointProblem:
    kind: str  # "signature", "malformed", "rechained", "truncated"
    sequence: int | None  # the first sequence affected, when known
    message: str


def _read(lines, keys) -> tuple[list[Checkpoint], list[CheckpointProblem]]:
    checkpoints, problems = [], []
    for number, line in lines:
        try:
            checkpoint = Checkpoint(**json.loads(line))
            signature = base64.b64decode(checkpoint.signature, validate=True)
        except (ValueError, TypeError):
            problems.append(
                CheckpointProblem("malformed", None, f"Dòng {number} của tệp mốc không đọc được.")
            )
            continue
        key = keys.get(checkpoint.key)
        try:
            if key is None:
                raise InvalidSignature
            key.verify(signature, checkpoint.signed_text())
        except InvalidSignature:
            why = "khóa không được tin cậy" if key is None else "chữ ký sai"
            problems.append(
                CheckpointProblem(
                    "signature",
                    checkpoint.sequence,
                    f"Mốc dòng {number} (sự kiện số {checkpoint.sequence}): {why}; "
                    "tệp mốc đã bị sửa hoặc ghi bằng khóa lạ.",
                )
            )
            continue
        checkpoints.append(checkpoint)
    return checkpoints, problems


def checkpoints_check() -> tuple[list[Checkpoint], list[CheckpointProblem]]:
    """Every checkpoint against the chain as it is now: the checkpoints that were read, and
    what is wrong (empty when the chain still holds every signed head)."""
    checkpoints, problems = _read(store().lines(), trusted_keys())
    if not checkpoints:
        return checkpoints, problems
    head, _head_hash = chain_head()
    stored = dict(
        AuditEvent.objects.filter(sequence__in={c.sequence for c in checkpoints}).values_list(
            "sequence", "hash"
        )
    )
    last_good = 0  # the highest sequence a checkpoint still vouches for
    for checkpoint in sorted(checkpoints, key=lambda c: (c.sequence, c.at)):
        taken = checkpoint.moment.astimezone(timezone.get_current_timezone())
        when = f"{taken:%d/%m/%Y %H:%M}"
        if checkpoint.sequence > head:
            problems.append(
                CheckpointProblem(
                    "truncated",
                    head + 1,
                    f"Mất các sự kiện từ số {head + 1}: mốc ký lúc {when} ghi chuỗi đến số "
                    f"{checkpoint.sequence}, nay chuỗi chỉ còn đến số {head} "
                    "(xóa sự kiện mới nhất hoặc TRUNCATE).",
                )
            )
            break  # every later checkpoint says the same
        if checkpoint.sequence == 0:
            continue  # an empty chain: nothing to vouch for
        if stored.get(checkpoint.sequence) != checkpoint.hash:
            problems.append(
                CheckpointProblem(
                    "rechained",
                    last_good + 1,
                    f"Chuỗi đã bị tính lại: sự kiện số {checkpoint.sequence} có mã băm khác mốc "
                    f"ký lúc {when}; thay đổi nằm trong các sự kiện từ số {last_good + 1} đến "
                    f"số {checkpoint.sequence}.",
                )
            )
            break  # later checkpoints differ too; the first range is what to look at
        last_good = checkpoint.sequence
    return checkpoints, problems
