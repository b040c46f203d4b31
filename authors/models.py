"""Who writes the reviews and lists: a critic's name, short bio and headshot, with a page of
their own. An editor's account may have one author profile, their own byline."""

import reversion
from django.conf import settings
from django.db import models

from core.images import Picture, PictureField
from core.links import slug_url
from core.models import TracksChanges
from core.slugs import unique_slug
from core.text import initials


@reversion.register()
class Author(TracksChanges):
    name = models.CharField(max_length=120, help_text="As printed in a byline.")
    slug = models.SlugField(
        max_length=140,
        unique=True,
        blank=True,
        help_text="Made from the name when left empty. A changed slug's old address redirects "
        "to the new one.",
    )
    bio = models.TextField(
        blank=True, max_length=500, help_text="A few sentences, in the third person. Plain text."
    )
    headshot = PictureField(
        upload_to="authors/",
        blank=True,
        width_field="headshot_width",
        height_field="headshot_height",
        widths=(160, 320, 640),
        help_text="JPEG, PNG or WebP, upright (4:5 or 2:3).",
    )
    headshot_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    headshot_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text="The editor whose byline this is: their new reviews and lists are credited "
        "to this author.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            # Admin search and autocomplete; the authors page, by name.
            models.Index(fields=["name", "id"], name="author_name_idx"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("authors:detail", self.slug)

    @property
    def headshot_picture(self) -> Picture | None:
        return self._meta.get_field("headshot").picture_of(self)

    @property
    def initials(self) -> str:
        return initials(self.name)


class Bylined:
    """For a review or list: printed under a byline, credited to a critic (an Author) whose
    page the byline links to. Each model declares ``critic``, for its own related name."""

    def _default_byline(self) -> None:
        """An empty byline is filled: with the critic's name; else with the editor's author
        profile, who becomes the critic; else with the editor's full name, never the
        username. Queries only when the byline is empty."""
        if self.byline:
            return
        if self.critic_id is None and self.author_id:
            self.critic = Author.objects.filter(user_id=self.author_id).first()
        if self.critic_id is not None:
            self.byline = self.critic.name
        elif self.author_id:
            self.byline = self.author.get_full_name()
