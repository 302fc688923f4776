"""Who a unit should think of proposing: people one year short of a chain rule (e.g. CSTĐ cấp
tỉnh ⇐ three consecutive CSTĐCS, Luật TĐKT 2022 Đ22) whose current year is held or on its way.
If this year's title passes, the chain is complete and the higher award may be proposed.

Read from the ledger (annual, unrevoked rows) and the open nominations, in four queries for any
number of units and people.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from councils.models import Unit
from nominations.ledger import grounds_for_merit
from nominations.models import AwardType, ChainRule, Nomination, NomineeKind, Person

# A nomination of the year that may still become the title: not refused, withdrawn or revoked.
OPEN_OR_APPROVED = [state for state in Nomination.State if state not in Nomination.RELEASED_STATES]


@dataclass(frozen=True)
class Suggestion:
    person: Person
    award: AwardType  # what may be proposed once the chain is complete
    required: AwardType
    years: list[int]  # the chain's years, oldest first
    pending_year: int | None  # the year still on its way (None: every year is held)
    legal_basis: str


def chain_suggestions(units: list[Unit], year: int) -> list[Suggestion]:
    """For each chain rule, the people of `units` who hold its title in every year of the run
    ending in `year` but the last, and in `year` hold it or have it proposed; those already
    proposed for the higher award in `year` are left out."""
    rules = list(
        ChainRule.objects.filter(nominee_kind__in=["", NomineeKind.INDIVIDUAL]).select_related(
            "award_type", "required"
        )
    )
    if not rules or not units:
        return []
    longest = max(rule.consecutive_years for rule in rules)
    required_ids = {rule.required_id for rule in rules}
    held: dict[int, set[tuple[int, int]]] = defaultdict(set)
    people: dict[int, Person] = {}
    for record in (
        grounds_for_merit()
        .filter(
            person__unit__in=units,
            award_type__in=required_ids,
            year__gt=year - longest,
            year__lte=year,
        )
        .select_related("person__unit")
    ):
        held[record.person_id].add((record.award_type_id, record.year))
        people[record.person_id] = record.person
    proposed = defaultdict(set)
    for nomination in Nomination.objects.filter(
        person__in=people, period__ends_on__year=year, state__in=OPEN_OR_APPROVED
    ).only("person_id", "award_type_id"):
        proposed[nomination.person_id].add(nomination.award_type_id)
    suggestions = []
    for person_id, titles in held.items():
        for rule in rules:
            years = list(range(year - rule.consecutive_years + 1, year + 1))
            earlier = all((rule.required_id, y) in titles for y in years[:-1])
            this_year = (rule.required_id, year) in titles
            on_its_way = rule.required_id in proposed[person_id]
            already = rule.award_type_id in proposed[person_id]
            if earlier and (this_year or on_its_way) and not already:
                suggestions.append(
                    Suggestion(
                        person=people[person_id],
                        award=rule.award_type,
                        required=rule.required,
                        years=years,
                        pending_year=None if this_year else year,
                        legal_basis=rule.legal_basis,
                    )
                )
    return sorted(suggestions, key=lambda s: (s.person.unit.name, s.person.full_name))
