from django.dispatch import receiver

from core.admin import MAX_ADMIN_MATCHES, site_search
from search.service import matching_ids


@receiver(site_search)
def admin_search(sender, group: str, term: str, **kwargs) -> list[int]:
    """The admin's search boxes for films and people (core.admin.SiteSearchAdminMixin)."""
    return matching_ids(group, term, limit=MAX_ADMIN_MATCHES)
