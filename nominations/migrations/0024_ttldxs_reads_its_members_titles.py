"""TTLĐXS reads its members' titles from the ledger like TTLĐTT: at least 70 % of them LĐTT
(collective_ldtt_share) and one CSTĐCS (collective_has_cstdcs) in its year (Luật TĐKT 2022
Đ27; Bắc Ninh QĐ 86/2025/QĐ-UBND Đ3.2.b; the share is a per-province setting [S])."""

from django.db import migrations

TTLDXS_RULES = ["collective_ldtt_share", "collective_has_cstdcs"]


def ttldxs_member_titles(apps, schema_editor) -> None:
    award_types = apps.get_model("nominations", "AwardType")
    for award in award_types.objects.filter(code="tap-the-lao-dong-xuat-sac"):
        award.eligibility_rules = [
            *award.eligibility_rules,
            *(r for r in TTLDXS_RULES if r not in award.eligibility_rules),
        ]
        award.save(update_fields=["eligibility_rules"])


class Migration(migrations.Migration):
    dependencies = [("nominations", "0023_merit_grounds_instead_of_consecutive_years")]

    operations = [migrations.RunPython(ttldxs_member_titles, migrations.RunPython.noop)]
