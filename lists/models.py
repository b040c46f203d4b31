import reversion
from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch, Q

from authors.models import Author, Bylined
from core.links import slug_url
from core.markdown import render_markdown
from core.publishing import Publishable, PublishableQuerySet
from films.models import CARD_FIELDS, Film


class FilmListQuerySet(PublishableQuerySet):
    def for_cards(self):
        """What a card shows: the byline, the number of films and their posters."""
        first_films = Entry.objects.select_related("film").only(
            "film_list", "position", "film", *(f"film__{name}" for name in CARD_FIELDS)
        )
        return (
            self.select_related("critic")
            .annotate(film_count=Count("entries"))
            .order_by("-published_at", "-id")  # Meta.ordering is dropped with an aggregate
            .prefetch_related(Prefetch("entries", first_films, to_attr="entries_shown"))
        )

    def including(self, film: Film):
        return self.filter(entries__film=film)


# A list's version holds its entries: reverting one restores them.
@reversion.register(follow=("versioned_entries",))
class FilmList(Bylined, Publishable):
    """ "The best films of 2025", "Where to start with Wong Kar-wai": films in an order, each
    with a blurb, under an introduction."""

    SLUG_FROM = "title"
    NEEDED_TO_PUBLISH = ("title", "introduction", "byline")

    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True, help_text="Markdown.")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="film_lists"
    )
    critic = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="film_lists",
        help_text="Whose page the byline links to; the editor's author profile when this "
        "and the byline are left empty.",
    )
    byline = models.CharField(
        max_length=120,
        blank=True,
        help_text="The name printed on the list; the critic's name (else the editor's full "
        "name) when left empty.",
    )
    films = models.ManyToManyField(Film, through="Entry", related_name="film_lists")

    objects = FilmListQuerySet.as_manager()

    class Meta:
        verbose_name = "curated list"
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Publishable.Status.values), name="filmlist_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="filmlist_published_has_date",
                violation_error_message="A published list needs a publication time.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="filmlist_published_idx"),
            models.Index(fields=["updated_at", "id"], name="filmlist_updated_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return slug_url("lists:detail", self.slug)

    def clean(self):
        self._default_byline()
        super().clean()

    def save(self, *args, **kwargs):
        self._default_byline()
        super().save(*args, **kwargs)

    def missing_for_publication(self, *, saved: bool = False) -> list[str]:
        missing = super().missing_for_publication(saved=saved)
        if saved and not self.entries.exists():  # the admin form's rows are checked by its formset
            missing.append("films")
        return missing

    @property
    def introduction_html(self) -> str:
        return render_markdown(self.introduction)

    @property
    def versioned_entries(self):
        # What a version of the list holds besides its fields, each entry with its film's title.
        return self.entries.select_related("film")


@reversion.register()
class Entry(models.Model):
    film_list = models.ForeignKey(FilmList, on_delete=models.CASCADE, related_name="entries")
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="list_entries")
    position = models.PositiveSmallIntegerField(
        default=0, blank=True, help_text="Its place in the list; rows left blank go last."
    )
    blurb = models.TextField(blank=True, max_length=1000, help_text="Why it is here. Markdown.")

    class Meta:
        verbose_name_plural = "entries"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film_list", "film"],
                name="entry_film_once_per_list",
                violation_error_message="This film is already on the list.",
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.film}"

    @property
    def blurb_html(self) -> str:
        return render_markdown(self.blurb)
