"""The three ways a row names its nominee (a person, a household, or a unit as a collective):
exactly one is set. Nominations and ledger rows both name nominees this way."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from councils.models import Unit
from nominations.models.nominees import Household, Person

NOMINEE_FIELDS = ("person", "household", "collective")


def nominee_links(
    *, person: str, household: str, collective: str
) -> tuple[models.ForeignKey, models.ForeignKey, models.ForeignKey]:
    """The person, household and collective links (in that order), each optional and
    protected, with the reverse names given."""
    related_names = {"person": person, "household": household, "collective": collective}
    targets = {
        "person": (Person, _("cá nhân")),
        "household": (Household, _("hộ gia đình")),
        "collective": (Unit, _("tập thể")),
    }
    return tuple(
        models.ForeignKey(
            to,
            verbose_name=label,
            null=True,
            blank=True,
            on_delete=models.PROTECT,
            related_name=related_names[field],
        )
        for field, (to, label) in targets.items()
    )
