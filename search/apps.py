from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import signals  # also subscribes the index to the change event

        post_migrate.connect(signals.build_index_if_empty, sender=self)
