"""Writers appending at the same moment still make one unbroken chain."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from audit.models import AuditEvent
from audit.services import audit_event_record
from audit.verification import verify_chain
from tests import factories


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_writers_never_fork_the_chain():
    actors = [factories.user() for _ in range(6)]
    barrier = threading.Barrier(len(actors))
    errors = []

    def write(actor):
        try:
            barrier.wait()
            for n in range(10):
                audit_event_record(
                    actor=actor, action="test.parallel", target=actor, payload={"n": n}
                )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(a,)) for a in actors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 61))
    report = verify_chain()
    assert report.intact
    assert report.checked == 60
