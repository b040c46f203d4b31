from django.db import transaction
from django.db.models import QuerySet

from lists.models import FilmList


@transaction.atomic
def unpublish_lists(*, film_lists: QuerySet[FilmList]) -> int:
    """Make the published lists drafts again. Saves each (not ``.update()``), so its history
    row is written and the change event reaches search, the cache and the feed."""
    count = 0
    locked = FilmList.objects.select_for_update().filter(
        pk__in=list(film_lists.values_list("pk", flat=True)), status=FilmList.Status.PUBLISHED
    )
    for film_list in locked:
        film_list.status = FilmList.Status.DRAFT
        film_list.published_at = None
        film_list.save(update_fields=["status", "published_at", "updated_at"])
        count += 1
    return count
