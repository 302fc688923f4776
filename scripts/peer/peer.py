#!/usr/bin/env python3
"""Vendored from ../shared/peers/fsm_peer (unchanged but for the JSON line at the end, which
`make bench` reads; scripts/bench.sh runs it in .venv-peer, requirements-peer.txt).

Peer: the nomination lifecycle as most Django teams would first build it — django-fsm-2 on a
model, django-simple-history for field history, model-level permission checks, no audit chain,
no object permissions. Runs N lifecycles and prints nominations/s and ms per transition.

Usage: python peer.py N   (DATABASE_URL=postgres://... for PostgreSQL; SQLite in memory otherwise)
"""
import os
import sys
import time

import django
from django.conf import settings

url = os.environ.get("DATABASE_URL", "")
if url.startswith("postgres"):
    import dj_database_url
    db = dj_database_url.parse(url)
else:
    db = {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("PEER_SQLITE", "/tmp/peer.sqlite3")}
settings.configure(
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "simple_history", "peerapp"],
    DATABASES={"default": db}, USE_TZ=True, DEFAULT_AUTO_FIELD="django.db.models.BigAutoField",
    MIGRATION_MODULES={"peerapp": None})
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
django.setup()

from django.contrib.auth.models import Permission, User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from peerapp.models import Ballot, Nomination  # noqa: E402

call_command("migrate", "auth", verbosity=0)
call_command("migrate", run_syncdb=True, verbosity=0)
Nomination.objects.all().delete()
Ballot.objects.all().delete()
users = []
for i in range(12):
    u, _ = User.objects.get_or_create(username=f"u{i}")
    users.append(u)
perm = Permission.objects.get(codename="change_nomination")
for u in users:
    u.user_permissions.add(perm)
users = [User.objects.get(pk=u.pk) for u in users]  # fresh permission caches
head, office, chair, members = users[0], users[1], users[2], users[3:12]

def step(nom_id, transition, actor, **kw):
    with transaction.atomic():
        nom = Nomination.objects.select_for_update().get(pk=nom_id)
        if not actor.has_perm("peerapp.change_nomination"):
            raise PermissionError
        getattr(nom, transition)(**kw)
        nom._history_user = actor
        nom.save()

n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
t0 = time.perf_counter()
transitions = 0
for i in range(n):
    nom = Nomination.objects.create(nominee=f"Người {i}", award="LDTT")
    for name, actor in (("submit", head), ("return_", office), ("resubmit", head), ("appraise", office),
                        ("schedule", office)):
        step(nom.pk, name, actor); transitions += 1
    for m in members:
        with transaction.atomic():
            Ballot.objects.create(nomination_id=nom.pk, choice="yes")
        transitions += 1
    for name, actor in (("council_pass", office), ("approve", chair)):
        step(nom.pk, name, actor); transitions += 1
dt = time.perf_counter() - t0
print(f"peer django-fsm-2+simple-history on {db['ENGINE'].split('.')[-1]}: {n} lifecycles, "
      f"{transitions} transitions in {dt:.2f} s = {n / dt:.1f} nominations/s, {1000 * dt / transitions:.2f} ms/transition")
print("PEER_JSON " + __import__("json").dumps({
    "lifecycles": n, "transitions": transitions, "seconds": round(dt, 3),
    "ms_per_transition": round(1000 * dt / transitions, 3),
    "versions": {"Django": django.get_version(),
                 "django-fsm-2": __import__("importlib.metadata").metadata.version("django-fsm-2"),
                 "django-simple-history": __import__("importlib.metadata").metadata.version(
                     "django-simple-history")},
}))
