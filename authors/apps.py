from django.apps import AppConfig


class AuthorsConfig(AppConfig):
    name = "authors"

    def ready(self):
        from authors import signals  # noqa: F401 - records changes for the change event
