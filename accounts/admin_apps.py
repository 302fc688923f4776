from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """The admin, on a site that asks a device owner for their second factor."""

    default_site = "accounts.admin_site.AdminSite"
