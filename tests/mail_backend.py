"""An e-mail backend for the worker the outbox tests start: one JSON file per message sent,
so the test, another process, can count them. A file named `block` in the same folder makes
the next send stop before it sends (once): the test then kills the worker mid-task."""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend

BLOCK_SECONDS = 60  # far longer than any test waits before it kills the worker


def sent_messages(folder: Path) -> list[dict]:
    return [json.loads(path.read_text()) for path in sorted(folder.glob("*.json"))]


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = Path(settings.OUTBOX_TEST_MAIL_DIR)
        for message in email_messages:
            self._block_once(folder)
            record = {
                "to": message.to,
                "subject": message.subject,
                "body": message.body,
                "message_id": message.message()["Message-ID"],
            }
            partial = folder / f"{uuid.uuid4()}.part"
            partial.write_text(json.dumps(record, ensure_ascii=False))
            partial.rename(partial.with_suffix(".json"))  # the reader never sees half a file
        return len(email_messages)

    @staticmethod
    def _block_once(folder: Path) -> None:
        try:
            (folder / "block").unlink()  # whoever removes it is the one that blocks
        except FileNotFoundError:
            return
        (folder / "started").write_text(str(os.getpid()))
        deadline = time.monotonic() + BLOCK_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.05)
        raise TimeoutError("the test never killed the blocked worker")
