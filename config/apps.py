from django.contrib.admin.apps import AdminConfig


class MarqueeAdminConfig(AdminConfig):
    """django.contrib.admin, on our site (config/admin.py): branded, with a dashboard."""

    default_site = "config.admin.MarqueeAdminSite"
