from django.apps import AppConfig


class SitewideConfig(AppConfig):
    """Pages that compose several apps (home, films, people), sitemaps, structured data and
    the demo data."""

    name = "sitewide"
    verbose_name = "Site"
