from django.apps import AppConfig


class ApiConfig(AppConfig):
    """An app, not only a package, because it owns a model: IdempotentRequest."""

    name = "api"
    label = "api"
    verbose_name = "API"  # the same word in Vietnamese and English
