import reversion
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from core.images import Picture, PictureField
from core.links import slug_url
from core.markdown import render_markdown
from core.models import TracksChanges
from core.slugs import unique_slug
from core.text import initials
from core.validators import (
    IMDB_NAME_ID,
    WIKIDATA_ID,
    validate_imdb_name_id,
    validate_wikidata_id,
)

# Words that stay with the given names when a name is filed by surname ("Jr." is not one).
SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def surname_first(name: str) -> str:
    """``name`` as an index files it: "Keanu Reeves" → "Reeves, Keanu", "Martin Luther King Jr."
    → "King Jr., Martin Luther". Names whose family name comes first are set by hand."""
    words = name.split()
    cut = len(words) - 1
    if cut > 1 and words[-1].lower().strip(",") in SUFFIXES:
        cut -= 1
    if cut < 1:
        return name.strip()
    return f"{' '.join(words[cut:])}, {' '.join(words[:cut])}"


@reversion.register()
class Person(TracksChanges):
    name = models.CharField(max_length=200)
    sort_name = models.CharField(
        "sorted as",
        max_length=200,
        blank=True,
        help_text="How the people list files this name. Made from the name (surname first) "
        "when left empty; for a family name that comes first, write it as is: "
        "“Bong Joon-ho”.",
    )
    slug = models.SlugField(
        max_length=220,
        unique=True,
        blank=True,
        help_text="Made from the name when left empty.",
    )
    birth_date = models.DateField(null=True, blank=True)
    birth_place = models.CharField(max_length=200, blank=True, help_text="e.g. Beirut, Lebanon")
    death_date = models.DateField(null=True, blank=True)
    death_place = models.CharField(max_length=200, blank=True)
    other_names = models.TextField(
        "also known as",
        blank=True,
        help_text="Other names, one per line: a birth name, another spelling. Search finds them.",
    )
    biography = models.TextField(blank=True)
    photo = PictureField(
        "headshot",
        upload_to="people/",
        blank=True,
        width_field="photo_width",
        height_field="photo_height",
        widths=(160, 320, 640),
        help_text="JPEG, PNG or WebP, upright (4:5 or 2:3).",
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    imdb_id = models.CharField(
        "IMDb id", max_length=12, blank=True, validators=[validate_imdb_name_id]
    )
    tmdb_id = models.PositiveIntegerField("TMDB id", null=True, blank=True, unique=True)
    wikidata_id = models.CharField(
        "Wikidata id", max_length=14, blank=True, validators=[validate_wikidata_id]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "people"
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["imdb_id"],
                condition=~Q(imdb_id=""),
                name="person_unique_imdb_id",
                violation_error_message="Another person already has this IMDb id.",
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="person_unique_wikidata_id",
                violation_error_message="Another person already has this Wikidata id.",
            ),
            models.CheckConstraint(
                condition=Q(imdb_id="") | Q(imdb_id__regex=IMDB_NAME_ID),
                name="person_imdb_id_format",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID),
                name="person_wikidata_id_format",
            ),
            models.CheckConstraint(
                condition=Q(death_date__isnull=True)
                | Q(birth_date__isnull=True)
                | Q(death_date__gte=models.F("birth_date")),
                name="person_death_after_birth",
                violation_error_message="Date of death cannot come before date of birth.",
            ),
        ]
        indexes = [
            # Name lookups: admin search, autocomplete, the review importer's matching.
            models.Index(fields=["name"], name="person_name_idx"),
            models.Index(fields=["sort_name", "id"], name="person_sort_name_idx"),
            models.Index(fields=["updated_at", "id"], name="person_updated_idx"),
        ]

    @cached_property
    def biography_html(self) -> SafeString:
        return render_markdown(self.biography)

    @property
    def photo_picture(self) -> Picture | None:
        return self._meta.get_field("photo").picture_of(self)

    @property
    def initials(self) -> str:
        return initials(self.name)

    @property
    def also_known_as(self) -> list[str]:
        return [name for name in self.other_names.splitlines() if name.strip()]

    @property
    def external_links(self) -> list[tuple[str, str]]:
        """(site, address) of this person elsewhere."""
        links = []
        if self.imdb_id:
            links.append(("IMDb", f"https://www.imdb.com/name/{self.imdb_id}/"))
        if self.tmdb_id:
            links.append(("TMDB", f"https://www.themoviedb.org/person/{self.tmdb_id}"))
        if self.wikidata_id:
            links.append(("Wikidata", f"https://www.wikidata.org/wiki/{self.wikidata_id}"))
        return links

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        if (
            not self.sort_name
            or self.changed("name")
            and self.sort_name == surname_first(self.loaded_value("name") or "")
        ):
            self.sort_name = surname_first(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("people:detail", self.slug)
