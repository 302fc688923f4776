"""Guardian grants on a nomination held in tables with a real foreign key.

Guardian's generic table keys objects by text, so "the nominations granted to this user"
compared CAST(id AS text) on every nomination; with a foreign key it is an index lookup
(guardian's "direct foreign keys"), and the visibility query stays flat as nominations grow."""

from __future__ import annotations

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from nominations.models.nomination import Nomination


class NominationUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Nomination, on_delete=models.CASCADE)


class NominationGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Nomination, on_delete=models.CASCADE)
