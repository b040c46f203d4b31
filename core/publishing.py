"""What editors publish (curated lists; reviews to follow): a draft, or published from a
moment (a future moment schedules it), seen before then only by those who may change it."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
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

    def missing_for_publication(self) -> list[str]:
        """What this still needs before it may be published: [] when it is ready."""
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
