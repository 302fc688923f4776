import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from tests import factories

pytestmark = pytest.mark.django_db

# The audit log is its own history; deadlines, notifications and the outbox's e-mails and
# paper jobs follow audited transitions; remembered API answers and generated papers are
# written once and never change (a new paper is a new version, with its audit event).
WITHOUT_FIELD_HISTORY = {
    "audit.AuditEvent",
    "workflow.Deadline",
    "workflow.Notification",
    "outbox.OutboxMessage",
    "api.IdempotentRequest",
    "nominations.GeneratedDocument",
    "nominations.GoldenBook",  # a counter; the numbers it gave are on the decision lines
}
# Secret-ballot counters are kept out of every screen until the meeting's close publishes them.
# Object grants are made through the roles service, which audits them, never by hand.
NOT_IN_ADMIN = {
    "councils.SecretTally",
    "councils.UnitUserObjectPermission",
    "councils.UnitGroupObjectPermission",
    "nominations.NominationUserObjectPermission",
    "nominations.NominationGroupObjectPermission",
    "nominations.CertificateField",  # edited inline on its layout
}
# Records the application writes and nobody adds by hand.
READ_ONLY_IN_ADMIN = {
    "audit.AuditEvent",
    "workflow.Deadline",
    "councils.Comment",
    "councils.Ballot",
    "api.IdempotentRequest",
    "outbox.OutboxMessage",
    "nominations.GeneratedDocument",
    "nominations.Attachment",  # only through the upload checks, which take its SHA-256
    "nominations.GoldenBook",  # taken by approvals; an edit could give a number twice
    "nominations.Proceeding",  # opened by the office's service, which holds the dossiers
}
PROJECT_APPS = ("accounts", "councils", "nominations", "workflow", "audit", "api")


def _domain_models():
    for app in PROJECT_APPS:
        for model in apps.get_app_config(app).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def test_every_domain_model_is_in_the_admin_with_its_history():
    for model in _domain_models():
        if model._meta.label in NOT_IN_ADMIN:
            assert model not in admin.site._registry
            continue
        model_admin = admin.site._registry.get(model)
        assert model_admin is not None, f"{model._meta.label} is not in the admin"
        assert model_admin.search_fields, model._meta.label
        if model._meta.label not in WITHOUT_FIELD_HISTORY:
            assert isinstance(model_admin, SimpleHistoryAdmin), model._meta.label
            assert model_admin.list_filter or model._meta.label == "nominations.BaseSalary"


@pytest.fixture
def superuser_client(client):
    client.force_login(factories.user(is_staff=True, is_superuser=True))
    return client


def test_every_changelist_and_add_page_renders(superuser_client):
    for model in _domain_models():
        if model._meta.label in NOT_IN_ADMIN:
            continue
        opts = model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert superuser_client.get(changelist).status_code == 200, changelist
        add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        if model._meta.label in READ_ONLY_IN_ADMIN:
            assert superuser_client.get(add).status_code == 403, add  # written by the app only
        else:
            assert superuser_client.get(add).status_code == 200, add


def test_an_award_type_page_shows_its_history_in_vietnamese(superuser_client):
    award_type = factories.award("chien-si-thi-dua-co-so")
    change = reverse("admin:nominations_awardtype_change", args=[award_type.pk])
    page = superuser_client.get(change).content.decode()
    assert "Chiến sĩ thi đua cơ sở" in page
    assert "Căn cứ pháp lý" in page
    history = reverse("admin:nominations_awardtype_history", args=[award_type.pk])
    assert superuser_client.get(history).status_code == 200


def test_the_nomination_list_runs_a_fixed_number_of_queries(
    superuser_client, django_assert_max_num_queries
):
    _province, _district, commune = factories.commune_tree()
    village = factories.unit(commune)
    period = factories.period(commune)
    for _ in range(30):
        factories.nomination(
            unit_=village,
            award_type=factories.award("lao-dong-tien-tien"),
            period_=period,
            person=factories.person(village),
        )
    # 13: one of them asks whether the administrator has a second factor to demand.
    with django_assert_max_num_queries(13):
        response = superuser_client.get(reverse("admin:nominations_nomination_changelist"))
    assert response.status_code == 200
    assert response.content.decode().count("Lao động tiên tiến") >= 30


def test_an_attachment_shows_its_sha256_and_its_file_cannot_be_replaced(superuser_client, world):
    from tests.world import attach

    attachment = attach(world.nomination(), "to_trinh")
    change = reverse("admin:nominations_attachment_change", args=[attachment.pk])
    page = superuser_client.get(change).content.decode()
    assert attachment.sha256 in page
    assert 'type="file"' not in page
