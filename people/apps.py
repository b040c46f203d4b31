from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "people"

    def ready(self):
        from people import signals  # noqa: F401 - records changes for the change event
