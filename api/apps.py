from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from api import checks, schema  # noqa: F401 - registers the system check and schema hooks
