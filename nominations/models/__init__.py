"""The award catalogue, emulation movements, nominees and nominations."""

from nominations.models.catalogue import (
    AwardDecisionRule,
    AwardDocumentRequirement,
    AwardKindRule,
    AwardType,
    BaseSalary,
    NomineeKind,
)
from nominations.models.movements import Movement, Period, Registration, Target
from nominations.models.nomination import Nomination
from nominations.models.nominees import Household, Person

__all__ = [
    "AwardDecisionRule",
    "AwardDocumentRequirement",
    "AwardKindRule",
    "AwardType",
    "BaseSalary",
    "Household",
    "Movement",
    "Nomination",
    "NomineeKind",
    "Period",
    "Person",
    "Registration",
    "Target",
]
