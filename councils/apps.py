from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Tổ chức và Hội đồng")

    def ready(self) -> None:
        from accounts import second_factor
        from councils.roles import may_enrol_second_factor

        second_factor.enrolment_policy_set(may_enrol_second_factor)
