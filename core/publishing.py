"""What editors publish (reviews, curated lists): a draft, or published from a moment (a
future moment schedules it), seen before then only by those who may change it."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, transaction
from django.utils import timezone

from core.models import TracksChanges
from core.slugs import unique_slug


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


def sees_drafts(user: "AbstractBaseUser | AnonymousUser", model: type[models.Model]) -> bool:
    """Whether ``user`` may see ``model``'s drafts and scheduled rows: who may view or change
    them (the Editors group)."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The one definition of public: published, and its publication time has come."""
        return self.filter(status=PublicationStatus.PUBLISHED, published_at__lte=timezone.now())

    def visible_to(self, user: "AbstractBaseUser | AnonymousUser"):
        return self if sees_drafts(user, self.model) else self.published()


class Publishable(TracksChanges):
    """A row with a status and a publication time. Its slug follows ``SLUG_FROM`` while it is
    a draft and is fixed once published (a slug changed by hand keeps its old address). It
    cannot be published while any of ``NEEDED_TO_PUBLISH`` is empty."""

    Status = PublicationStatus
    SLUG_FROM = "title"
    NEEDED_TO_PUBLISH: tuple[str, ...] = ()

    slug = models.SlugField(
        max_length=220,
        unique=True,
        blank=True,
        help_text="Follows the title while this is a draft; fixed once published. A changed "
        "slug's old address redirects to the new one.",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Public from this moment once published; a future time schedules it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not self.slug or self._slug_follows(update_fields):
            self.slug = unique_slug(self, getattr(self, self.SLUG_FROM))
            if update_fields is not None and "slug" not in update_fields:
                kwargs["update_fields"] = [*update_fields, "slug"]
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.status != self.Status.PUBLISHED:
            return
        if self.published_at is None:  # publishing without a time means now
            self.published_at = timezone.now()
        if missing := self.missing_for_publication():
            raise ValidationError(
                {
                    NON_FIELD_ERRORS: f"Not ready to publish: {self.describe_missing(missing)}.",
                    **dict.fromkeys(missing, "Needed to publish."),
                }
            )

    def missing_for_publication(self, *, saved: bool = False) -> list[str]:
        """What this still needs before it may be published: [] when it is ready. ``saved``
        also asks the rows saved with it (a subclass's, e.g. a list's films)."""
        values = {name: getattr(self, name) for name in self.NEEDED_TO_PUBLISH}
        return [name for name, value in values.items() if value is None or not str(value).strip()]

    @classmethod
    def describe_missing(cls, names: list[str]) -> str:
        """``no introduction, no byline``"""
        return ", ".join(f"no {cls._meta.get_field(name).verbose_name}" for name in names)

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def _slug_follows(self, update_fields) -> bool:
        return (
            self.loaded_value("status") == self.Status.DRAFT
            and (update_fields is None or self.SLUG_FROM in update_fields)
            and self.changed(self.SLUG_FROM)
            and not self.changed("slug")
        )


@dataclass
class Publication:
    published: list[Publishable] = field(default_factory=list)
    # Each row left a draft, with what it lacks (Publishable.missing_for_publication).
    skipped: list[tuple[Publishable, list[str]]] = field(default_factory=list)


@transaction.atomic
def publish(*, rows: models.QuerySet, at: datetime | None = None) -> Publication:
    """Publish the drafts among ``rows`` that are ready and skip the others. Keeps a row's
    scheduled time if it has one, else publishes now.

    Saves each row (not ``.update()``) so every change lands in its history and the change feed.
    """
    publication = Publication()
    for row in _locked(rows).exclude(status=PublicationStatus.PUBLISHED):
        if missing := row.missing_for_publication(saved=True):
            publication.skipped.append((row, missing))
            continue
        row.status = PublicationStatus.PUBLISHED
        row.published_at = at or row.published_at or timezone.now()
        row.save(update_fields=["status", "published_at", "updated_at"])
        publication.published.append(row)
    return publication


@transaction.atomic
def unpublish(*, rows: models.QuerySet) -> int:
    """Make the published ``rows`` drafts again; each keeps its publication time."""
    count = 0
    for row in _locked(rows).filter(status=PublicationStatus.PUBLISHED):
        row.status = PublicationStatus.DRAFT
        row.save(update_fields=["status", "updated_at"])
        count += 1
    return count


def _locked(rows: models.QuerySet) -> models.QuerySet:
    """The same rows, locked for the transaction, without the caller's joins (PostgreSQL
    refuses FOR UPDATE on the nullable side of an outer join)."""
    return rows.model._default_manager.select_for_update().filter(
        pk__in=list(rows.values_list("pk", flat=True))
    )
