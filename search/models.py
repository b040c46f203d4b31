from django.db import models


class DocumentKind(models.TextChoices):
    FILM = "film", "Film"
    PERSON = "person", "Person"
    REVIEW = "review", "Review"
    LIST = "list", "Curated list"


# Kinds published from a moment: a document's last_activity is its publication time, and
# searches leave it out until then, so a scheduled review or list appears without a save.
TIMED_KINDS = (DocumentKind.REVIEW, DocumentKind.LIST)


class SearchDocument(models.Model):
    """One searchable record: a film, a person, a published review or a published curated list,
    its text already folded
    by ``search.text`` so both databases compare the same words.

    Written only by ``search.indexing``. Each database adds its own full-text index in a
    migration: on SQLite the FTS5 table ``search_fts`` kept in step by triggers (0002), on
    PostgreSQL the generated ``vector`` column with a GIN index (0003). A migration that alters
    this table must keep those working: SQLite rebuilds a table to alter it, which drops its
    triggers, and PostgreSQL refuses to retype a column the generated column reads.
    ``tests/search/test_engine.py`` checks both.
    """

    Kind = DocumentKind

    # Set by search.indexing, never generated: the kind above the record's id
    # (search.backends.base.document_id), so each kind's documents are one range of ids, which
    # SQLite counts from its full-text index alone. An auto field all the same, because that
    # is what makes it SQLite's rowid ("integer primary key"), which FTS5 and every lookup use.
    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=6, choices=Kind)
    object_id = models.BigIntegerField()
    # Folded text, indexed for matching: the title (name, headline), the original title, and
    # everything else (year, logline, characters; standfirst and body; a list's introduction,
    # byline and its films' titles).
    title = models.TextField()
    alt_title = models.TextField(blank=True)
    text = models.TextField(blank=True)
    # As written, for suggestions, which are built from this table alone.
    label = models.CharField(max_length=300)
    slug = models.SlugField(max_length=220, db_index=False)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    # Ranking among equal matches: more reviews, then newer reviews, then more credits.
    review_count = models.PositiveIntegerField(default=0)
    credit_count = models.PositiveIntegerField(default=0)
    # A film's newest public review; a review's or list's publication time, which searches
    # compare with now so that a scheduled one appears when its time comes, without a save.
    last_activity = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "search_document"
        indexes = [
            # Scheduled reviews and lists, which searches leave out until their time. Partial,
            # so that no plan reads it to pick out a kind: a kind is a large part of the table.
            models.Index(
                fields=["last_activity"],
                condition=models.Q(kind__in=TIMED_KINDS),
                name="search_document_scheduled_idx",
            ),
        ]
        # The ranking index (search_document_rank_idx), which pages through common words in
        # rank order, is made by the migration for each database: they spell NULLS LAST apart.

    def __str__(self):
        return f"{self.get_kind_display()} {self.object_id}: {self.label}"


class SearchTerm(models.Model):
    """A word of the index, for finding the words one typo away from a query word.

    Added to as documents are written and never pruned on the way, so it may hold a word
    that has since left the index; that only costs a useless alternative in a query.
    ``rebuild_search_index`` starts it afresh.
    """

    term = models.CharField(max_length=40)
    length = models.PositiveSmallIntegerField()
    reversed_term = models.CharField(max_length=40)

    class Meta:
        db_table = "search_term"
        constraints = [models.UniqueConstraint(fields=["term"], name="search_term_once")]
        # The indexes for typo candidates (neighbours of a word share its first or last
        # letters and differ in length by at most one) are made by the migration for each
        # database: PostgreSQL compares the words byte by byte (COLLATE "C").

    def __str__(self):
        return self.term
