"""Which eligibility checks `appraise` runs for each catalogue award (workflow/eligibility.py)."""

from django.db import migrations

COMMON = ["decision_level_known", "required_documents", "no_open_hold"]
EXTRA = {
    "chien-si-thi-dua-co-so": ["cstdcs_criteria", "initiative_used_once"],
    "chien-si-thi-dua-cap-tinh": ["initiative_used_once"],
    "tap-the-lao-dong-tien-tien": ["collective_ldtt_share"],
}


def set_rules(apps, schema_editor):
    AwardType = apps.get_model("nominations", "AwardType")
    for award_type in AwardType.objects.all():
        award_type.eligibility_rules = COMMON + EXTRA.get(award_type.code, [])
        award_type.save(update_fields=["eligibility_rules"])


def clear_rules(apps, schema_editor):
    apps.get_model("nominations", "AwardType").objects.update(eligibility_rules=[])


class Migration(migrations.Migration):
    dependencies = [("nominations", "0003_decisions_dossier_and_eligibility")]

    operations = [migrations.RunPython(set_rules, clear_rules)]
