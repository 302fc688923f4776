"""The award catalogue, emulation movements, nominees and nominations."""

from nominations.models.catalogue import (
    AwardDecisionRule,
    AwardDocumentRequirement,
    AwardKindRule,
    AwardType,
    BaseSalary,
    NomineeKind,
)
from nominations.models.conduct import Discipline, Proceeding
from nominations.models.decisions import Decision, DecisionLine, GoldenBook
from nominations.models.documents import (
    CertificateField,
    CertificateLayout,
    GeneratedDocument,
    PrinterProfile,
)
from nominations.models.dossier import Attachment, Initiative
from nominations.models.ledger import AwardRecord, ChainRule, MeritGround
from nominations.models.legal import LegalBasis
from nominations.models.movements import (
    BlocScore,
    EmulationBloc,
    Movement,
    MovementPrize,
    Period,
    Registration,
    Target,
    TargetResult,
)
from nominations.models.nomination import Nomination
from nominations.models.nominees import Household, Person
from nominations.models.object_permissions import (
    NominationGroupObjectPermission,
    NominationUserObjectPermission,
)

__all__ = [
    "Attachment",
    "AwardDecisionRule",
    "AwardDocumentRequirement",
    "AwardKindRule",
    "AwardRecord",
    "AwardType",
    "BaseSalary",
    "BlocScore",
    "CertificateField",
    "CertificateLayout",
    "ChainRule",
    "Decision",
    "DecisionLine",
    "Discipline",
    "EmulationBloc",
    "GeneratedDocument",
    "GoldenBook",
    "Household",
    "Initiative",
    "LegalBasis",
    "MeritGround",
    "Movement",
    "MovementPrize",
    "Nomination",
    "NominationGroupObjectPermission",
    "NominationUserObjectPermission",
    "NomineeKind",
    "Period",
    "Person",
    "PrinterProfile",
    "Proceeding",
    "Registration",
    "Target",
    "TargetResult",
]
