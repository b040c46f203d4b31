from django.apps import AppConfig


class ListsConfig(AppConfig):
    """Curated lists: an editor's ordered selection of films, each with a blurb."""

    name = "lists"
    verbose_name = "Curated lists"

    def ready(self):
        from lists import signals  # noqa: F401
