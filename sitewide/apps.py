from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


class SitewideConfig(AppConfig):
    """Pages that compose several apps (home, films, people), sitemaps, structured data, the
    Editors group and the demo data."""

    name = "sitewide"
    verbose_name = "Site"

    def ready(self):
        from sitewide.editors import after_migrate

        # post_migrate is sent per app with models, in order: the last comes when every
        # app's permissions exist.
        last = [config for config in apps.get_app_configs() if config.models_module][-1]
        post_migrate.connect(after_migrate, sender=last)
