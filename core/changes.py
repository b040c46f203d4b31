"""One change event: what a transaction changed, announced once when it commits.

A receiver per model (each app's ``signals.py``) calls ``record(films=..., people=...)`` with
the ids a save or delete changes; bulk writers that send no model signals call it with their
batch. When the transaction commits, ``committed`` is sent once with everything recorded in it
(at once, outside a transaction), and then the cache starts a new catalogue version: last, so
a reader who sees the new version also sees what the subscribers did.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, transaction
from django.dispatch import Signal

from core import pagecache

logger = logging.getLogger(__name__)

# Sent with ``changes``: a ``Changes`` of ids by kind ("films", "people", "reviews", …).
committed = Signal()


class Changes(defaultdict):
    """Ids by kind; a kind nothing changed in is an empty set."""

    def __init__(self):
        super().__init__(set)

    def add(self, ids_by_kind: dict[str, Iterable[int | None]]) -> None:
        for kind, ids in ids_by_kind.items():
            self[kind].update(pk for pk in ids if pk is not None)


def record(using: str = DEFAULT_DB_ALIAS, **ids_by_kind: Iterable[int | None]) -> None:
    """Note that these objects changed, to be announced when the transaction commits."""
    connection = transaction.get_connection(using)
    pending = getattr(connection, "marquee_changes", None)
    if pending is None:
        pending = connection.marquee_changes = Changes()
    pending.add(ids_by_kind)
    # Each record asks; the first to run after the commit announces all, the rest find none.
    # Changes recorded in work that rolled back are announced with the next commit: a
    # subscriber treats a missing row as deleted, so that costs nothing but the work.
    transaction.on_commit(lambda: _announce(connection), using=using)


def _announce(connection) -> None:
    changes = getattr(connection, "marquee_changes", None)
    if not changes:
        return
    connection.marquee_changes = None
    # The data is committed whatever a subscriber does: log its failure, don't raise it.
    for receiver, error in committed.send_robust(sender=Changes, changes=changes):
        if isinstance(error, Exception):
            logger.error("%s failed on %s", receiver.__qualname__, dict(changes), exc_info=error)
    pagecache.new_catalogue_version()
