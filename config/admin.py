"""The admin site: branded, with a dashboard on its index (templates/admin/index.html) of what
needs an editor. Here, at the top, because the dashboard reads films and reviews."""

from django.contrib import admin
from django.utils import timezone
from django.utils.http import urlencode

DASHBOARD_ROWS = 8


class MarqueeAdminSite(admin.AdminSite):
    site_header = site_title = "Marquee"
    index_title = "The editors' desk"

    def index(self, request, extra_context=None):
        return super().index(
            request, {"dashboard": dashboard(request.user), **(extra_context or {})}
        )


def dashboard(user) -> dict:
    """Drafts, scheduled reviews and films missing facts: three queries, each only for who may
    see its rows."""
    # Imported here: the apps' admin modules register on this site as they load.
    from films.admin import films_missing_facts
    from reviews.importer.views import can_import
    from reviews.models import Review

    now = timezone.now()
    found = {"can_import": can_import(user)}
    if user.has_perm("reviews.view_review"):
        reviews = Review.objects.for_listing()
        found["drafts"] = reviews.filter(status=Review.Status.DRAFT).order_by("-updated_at", "-id")[
            :DASHBOARD_ROWS
        ]
        found["scheduled"] = reviews.filter(
            status=Review.Status.PUBLISHED, published_at__gt=now
        ).order_by("published_at", "id")[:DASHBOARD_ROWS]
        found["scheduled_query"] = urlencode(
            {"status__exact": Review.Status.PUBLISHED, "published_at__gt": now.isoformat()}
        )
    if user.has_perm("films.view_film"):
        found["films_missing_facts"] = films_missing_facts(DASHBOARD_ROWS)
    return found
