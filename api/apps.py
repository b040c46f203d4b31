from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        # The system check, the schema hooks and the change feed's receiver register on import.
        from api import checks, schema, signals  # noqa: F401
