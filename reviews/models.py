from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from core.models import TracksChanges
from core.slugs import unique_slug
from films.models import Film
from people.models import Person
from reviews.mentions import record_mentions, render_body

MENTIONED_IN_LIMIT = 20  # reviews listed under "Mentioned in" on a film or person page
RATINGS = [(Decimal(half_stars) / 2).quantize(Decimal("0.1")) for half_stars in range(1, 11)]
# What a review must have before it is published or scheduled; a draft may lack any but the
# headline, which names it everywhere.
NEEDED_TO_PUBLISH = ("headline", "rating", "byline", "body")


def stars(rating: Decimal | float) -> str:
    """★★★½ for 3.5; averages round to the nearest half star."""
    half_stars = int((Decimal(str(rating)) * 2).to_integral_value(ROUND_HALF_UP))
    whole, half = divmod(half_stars, 2)
    return "★" * whole + ("½" if half else "")


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def sees_drafts(user: "AbstractBaseUser | AnonymousUser") -> bool:
    """Whether ``user`` may see drafts and scheduled reviews: the Editors group may."""
    return user.has_perm("reviews.view_review") or user.has_perm("reviews.change_review")


class ReviewQuerySet(models.QuerySet):
    def published(self):
        """The one definition of public: published, and its publication time has come."""
        return self.filter(status=Review.Status.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user: "AbstractBaseUser | AnonymousUser") -> "ReviewQuerySet":
        """The one rule for who sees drafts and scheduled reviews: those who may view or change
        reviews (the Editors group). Everyone else, staff included, sees ``published()``."""
        return self if sees_drafts(user) else self.published()

    def mentioning(self, obj: Film | Person) -> "ReviewQuerySet":
        """The first MENTIONED_IN_LIMIT of these whose body mentions a film or person, newest
        first. One query for one page; a prefetch limited per object costs three times as
        much to build (a window function) for the same rows."""
        field = "mentioned_films" if isinstance(obj, Film) else "mentioned_people"
        return self.filter(**{field: obj})[:MENTIONED_IN_LIMIT]

    def for_listing(self):
        """What review lists show: the film and its byline, no body."""
        return self.select_related("film").defer("body")


class Review(TracksChanges):
    Status = ReviewStatus

    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="reviews")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    byline = models.CharField(
        max_length=120,
        blank=True,
        help_text="The name printed on the review; the author's full name when left empty.",
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
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Public from this moment once published; a future time schedules it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
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
            models.Index(fields=["updated_at", "id"], name="review_updated_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self.slug or self._slug_follows_headline(update_fields):
            self.slug = unique_slug(self, self.headline)
            if update_fields is not None and "slug" not in update_fields:
                kwargs["update_fields"] = update_fields = [*update_fields, "slug"]
        self._default_byline()
        super().save(*args, **kwargs)
        if update_fields is None or "body" in update_fields:
            # Here rather than in a service: every path that saves a body (admin, API,
            # importer, demo loader) must leave the mention records in step with it.
            record_mentions(self)

    def get_absolute_url(self):
        return reverse("reviews:detail", kwargs={"slug": self.slug})

    def clean(self):
        self._default_byline()
        if self.status != self.Status.PUBLISHED:
            return
        # Publishing without a time means "now"; a time in the future schedules it.
        if self.published_at is None:
            self.published_at = timezone.now()
        if missing := self.missing_for_publication():
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: f"Not ready to publish: {self.describe_missing(missing)}.",
                    **dict.fromkeys(missing, "Needed to publish."),
                }
            )

    def missing_for_publication(self) -> list[str]:
        """The fields this review still needs before it may be published: [] when it is ready.
        The one rule, for the admin's form and actions, the API and the services."""
        values = {name: getattr(self, name) for name in NEEDED_TO_PUBLISH}
        return [name for name, value in values.items() if value is None or not str(value).strip()]

    @classmethod
    def describe_missing(cls, names: list[str]) -> str:
        """``no rating, no body``"""
        return ", ".join(f"no {cls._meta.get_field(name).verbose_name}" for name in names)

    def _default_byline(self) -> None:
        # The author's full name, never the username: without one, a byline must be typed.
        if not self.byline and self.author_id:
            self.byline = self.author.get_full_name()

    def _slug_follows_headline(self, update_fields) -> bool:
        """A draft's slug follows its headline, unless the same save changes the slug by hand.
        Once published it stays; a slug changed by hand then keeps its old address (OldSlug)."""
        return (
            self.loaded_value("status") == self.Status.DRAFT
            and (update_fields is None or "headline" in update_fields)
            and self.changed("headline")
            and not self.changed("slug")
        )

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @cached_property
    def body_html(self):
        # Mentions are linked as the body renders; the stored Markdown never changes.
        return render_body(self)

    @property
    def stars(self) -> str:
        return stars(self.rating) if self.rating is not None else ""
