"""Guardian grants on a unit held in tables with a real foreign key (guardian's "direct
foreign keys"): "the units granted to this user" is then an index lookup, not a CAST of
every unit's id to text."""

from __future__ import annotations

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from councils.models.organisation import Unit


class UnitUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)


class UnitGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Unit, on_delete=models.CASCADE)
