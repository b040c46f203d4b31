from decimal import ROUND_HALF_UP, Decimal

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property

from authors.models import Author, Bylined
from core import publishing
from core.links import slug_url
from core.publishing import Publishable, PublishableQuerySet
from films.models import Film
from people.models import Person
from reviews.mentions import record_mentions, render_body

MENTIONED_IN_LIMIT = 20  # reviews listed under "Mentioned in" on a film or person page
RATINGS = [(Decimal(half_stars) / 2).quantize(Decimal("0.1")) for half_stars in range(1, 11)]


def stars(rating: Decimal | float) -> str:
    """★★★½ for 3.5; averages round to the nearest half star."""
    half_stars = int((Decimal(str(rating)) * 2).to_integral_value(ROUND_HALF_UP))
    whole, half = divmod(half_stars, 2)
    return "★" * whole + ("½" if half else "")


ReviewStatus = publishing.PublicationStatus


class ReviewQuerySet(PublishableQuerySet):
    # published() and visible_to() (core/publishing.py): the one rule for who sees drafts and
    # scheduled reviews; everyone else, staff included, sees what is published.

    def mentioning(self, obj: Film | Person) -> "ReviewQuerySet":
        """These whose body mentions a film or person (newest first, by Meta.ordering)."""
        field = "mentioned_films" if isinstance(obj, Film) else "mentioned_people"
        return self.filter(**{field: obj})

    def for_listing(self):
        """What review lists show: the film and its byline (with its critic's page), no body."""
        return self.select_related("film", "critic").defer("body")

    def for_cards(self):
        """Only what a review card reads (reviews/includes/_review_card.html): a fraction of
        for_listing's columns to compile and load."""
        return self.select_related("film", "critic").only(
            *("headline", "slug", "rating", "standfirst", "byline", "published_at"),
            *("film__title", "film__year", "film__slug", "critic__slug"),
        )


@reversion.register()
class Review(Bylined, Publishable):
    """A review: drafted, then published or scheduled (core.publishing.Publishable) once it
    has a headline, a rating, a byline and a body; a draft may lack any but the headline,
    which names it everywhere."""

    SLUG_FROM = "headline"
    NEEDED_TO_PUBLISH = ("headline", "rating", "byline", "body")

    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    critic = models.ForeignKey(
        Author,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        help_text="Whose page the byline links to; the editor's author profile when this "
        "and the byline are left empty.",
    )
    byline = models.CharField(
        max_length=120,
        blank=True,
        help_text="The name printed on the review; the critic's name (else the editor's full "
        "name) when left empty.",
    )
    headline = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=220,
        unique=True,
        blank=True,
        help_text="Follows the headline while the review is a draft; fixed once it is "
        "published. A changed slug's old address redirects to the new one.",
    )
    standfirst = models.CharField(
        max_length=400, blank=True, help_text="One or two sentences under the headline."
    )
    body = models.TextField(blank=True, help_text="Markdown.")
    # What the body links to when rendered, recorded on save: "Mentioned in" on film and
    # person pages reads these.
    mentioned_films = models.ManyToManyField(
        Film, blank=True, editable=False, related_name="mentioned_in"
    )
    mentioned_people = models.ManyToManyField(
        Person, blank=True, editable=False, related_name="mentioned_in"
    )
    rating = models.DecimalField(
        max_digits=2,
        decimal_places=1,
        null=True,
        blank=True,
        choices=[(rating, f"{stars(rating)} ({rating.normalize()} of 5)") for rating in RATINGS],
        help_text="Out of 5, in half stars.",
    )
    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__in=RATINGS),
                name="review_rating_half_stars",
                violation_error_message="A rating is 0.5 to 5 in half stars.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ReviewStatus.values), name="review_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="review_published_has_date",
                violation_error_message="A published review needs a publication time.",
            ),
        ]
        indexes = [
            # Public lists, the feed and the sitemap: published reviews newest first.
            models.Index(fields=["status", "-published_at"], name="review_status_published_idx"),
            # A film's reviews on its page and in the API summary.
            models.Index(fields=["film", "status", "-published_at"], name="review_film_idx"),
            # A critic's page, and counting each critic's reviews for /authors/.
            models.Index(
                fields=["critic", "status", "-published_at"], name="review_critic_published_idx"
            ),
            models.Index(fields=["updated_at", "id"], name="review_updated_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        self._default_byline()
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            # Here rather than in a service: every path that saves a body (admin, API,
            # importer, demo loader) must leave the mention records in step with it.
            record_mentions(self)

    def get_absolute_url(self):
        return slug_url("reviews:detail", self.slug)

    def clean(self):
        self._default_byline()
        super().clean()

    @cached_property
    def body_html(self):
        # Mentions are linked as the body renders; the stored Markdown never changes.
        return render_body(self)

    @property
    def stars(self) -> str:
        return stars(self.rating) if self.rating is not None else ""
