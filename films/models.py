from collections.abc import Callable
from typing import NamedTuple

import reversion
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import Lower, RowNumber
from django.utils.functional import cached_property

from core.images import Picture, PictureField
from core.links import slug_url
from core.models import TracksChanges
from core.slugs import unique_slug
from core.text import fold
from core.validators import (
    ASPECT_RATIO,
    IMDB_TITLE_ID,
    WIKIDATA_ID,
    validate_aspect_ratio,
    validate_imdb_title_id,
    validate_wikidata_id,
)
from films import posters
from people.models import Person

FIRST_FILM_YEAR = 1870  # Janssen's photographic revolver; nothing we review is older.
LAST_FILM_YEAR = 2100


class FilmColour(models.TextChoices):
    COLOUR = "colour", "Colour"
    BLACK_AND_WHITE = "black-and-white", "Black & white"
    MIXED = "mixed", "Colour & black & white"


class RelationKind(models.TextChoices):
    SEQUEL_OF = "sequel-of", "Sequel of"
    PREQUEL_OF = "prequel-of", "Prequel of"
    SPIN_OFF_OF = "spin-off-of", "Spin-off of"
    REMAKE_OF = "remake-of", "Remake of"
    SET_BETWEEN = "set-between", "Set between"


class CreditRole(models.TextChoices):
    DIRECTOR = "director", "Director"
    WRITER = "writer", "Writer"
    SOURCE_MATERIAL = "source", "Source material"
    CAST = "cast", "Cast"
    PRODUCER = "producer", "Producer"
    COMPOSER = "composer", "Composer"
    CINEMATOGRAPHER = "cinematographer", "Cinematographer"
    EDITOR = "editor", "Editor"


class ReferenceQuerySet(models.QuerySet):
    def by_name(self, key: Callable[[str], str] = fold) -> dict:
        """Each item by every name it is known by, and its code, as ``key`` makes them
        (folded: no case or accents): what the importer looks credits' names up in. An item's
        own names come before other names, and a country before a former one of that name."""
        found = {}
        items = sorted(self, key=lambda item: getattr(item, "former", False))  # France: FR
        for item in items:
            for name in (item.code, item.name, getattr(item, "short_name", "")):
                found.setdefault(key(name), item)
        for item in items:
            for name in item.other_names.splitlines():
                found.setdefault(key(name), item)
        found.pop("", None)
        return found


class ReferenceItem(models.Model):
    """A country or a language: loaded from pycountry (films/reference.py), or made by the
    importer from a name in a review's facts that nothing knew, for an editor to check."""

    name = models.CharField(max_length=150)
    other_names = models.TextField(
        blank=True,
        help_text="Other names credits use for it, one per line; the importer knows them.",
    )
    needs_check = models.BooleanField(
        default=False,
        help_text="Made by an import from a name nothing knew: check its name, then untick.",
    )

    objects = ReferenceQuerySet.as_manager()

    class Meta:
        abstract = True


class Country(ReferenceItem):
    """An ISO 3166-1 country (code ``US``), a former one of ISO 3166-3 (``SUHH``), or one only
    film credits name (``XWG``, West Germany, IMDb's code). ``short_name`` is what fact lines
    print."""

    code = models.CharField("code", max_length=4, primary_key=True)
    short_name = models.CharField(max_length=100)
    former = models.BooleanField(default=False, help_text="No longer exists.")

    class Meta:
        verbose_name_plural = "countries"
        ordering = ["short_name"]

    def __str__(self):
        return self.short_name


class Language(ReferenceItem):
    """An ISO 639-3 language, under its shortest code (``en``, ``yue``, ``ase``), as BCP 47
    tags name it; ``qaa`` to ``qtz`` are codes the importer gave names nothing knew."""

    code = models.CharField("code", max_length=3, primary_key=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Genre(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Collection(models.Model):
    """A franchise or series, e.g. the John Wick films; films carry their order in it."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


# What a poster card reads: its link, its caption and Film.poster_picture.
CARD_FIELDS = ("title", "year", "slug", "poster", "poster_width", "poster_height")
# Kept by the reviews app (reviews.services.refresh_review_summaries), never by a form.
REVIEW_SUMMARY_FIELDS = ("review_count", "average_rating", "rated_review_count")


class FilmQuerySet(models.QuerySet):
    def cards(self):
        return self.only(*CARD_FIELDS)

    def rated_cards(self):
        """Cards with their published reviews' count and average rating: the film list's."""
        return self.only(*CARD_FIELDS, *REVIEW_SUMMARY_FIELDS)

    def with_facts(self):
        """Everything the fact line needs: countries and languages in order, genres, collection.

        Prefetched into lists (``to_attr``), which Film's helpers read: a plain prefetch builds
        a queryset for every film it fills, the largest cost of a page of films after the SQL.
        """
        return self.select_related("collection").prefetch_related(
            Prefetch(
                "film_countries",
                queryset=FilmCountry.objects.select_related("country"),
                to_attr="country_rows",
            ),
            Prefetch(
                "film_languages",
                queryset=FilmLanguage.objects.select_related("language"),
                to_attr="language_rows",
            ),
            Prefetch("genres", to_attr="genre_rows"),
        )

    def with_releases(self):
        """Release dates and alternative titles, for a film's own page."""
        return self.prefetch_related(
            Prefetch(
                "release_dates",
                queryset=ReleaseDate.objects.select_related("country"),
                to_attr="release_rows",
            ),
            Prefetch(
                "alternative_titles",
                queryset=AlternativeTitle.objects.select_related("country", "language"),
                to_attr="alternative_title_rows",
            ),
        )

    def with_credits(self):
        """Facts plus every credit with its person, in billing order."""
        return self.with_facts().prefetch_related(
            Prefetch(
                "credits", queryset=Credit.objects.select_related("person"), to_attr="credit_rows"
            )
        )


# A film's version holds its credits, release dates, titles, stills, countries, languages and
# relations (its genres are a field of its own): reverting one restores them all.
@reversion.register(
    follow=(
        "versioned_credits",
        "versioned_release_dates",
        "versioned_alternative_titles",
        "versioned_stills",
        "versioned_countries",
        "versioned_languages",
        "versioned_relations",
    )
)
class Film(TracksChanges):
    Colour = FilmColour

    title = models.CharField(max_length=200)
    original_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="In the original language, when it differs.",
    )
    slug = models.SlugField(
        max_length=220,
        unique=True,
        blank=True,
        help_text="title-year, e.g. ballerina-2025. Made for you when left empty.",
    )
    year = models.PositiveSmallIntegerField(
        validators=[
            MinValueValidator(FIRST_FILM_YEAR),
            MaxValueValidator(LAST_FILM_YEAR),
        ]
    )
    release_date = models.DateField(null=True, blank=True)
    logline = models.CharField(max_length=300, blank=True, help_text="One sentence.")
    synopsis = models.TextField(blank=True)
    runtime_minutes = models.PositiveSmallIntegerField(
        "runtime (minutes)", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    aspect_ratio = models.CharField(
        max_length=8,
        blank=True,
        validators=[validate_aspect_ratio],
        help_text="e.g. 2.39:1",
    )
    colour = models.CharField(max_length=20, choices=Colour, blank=True)
    countries = models.ManyToManyField(Country, through="FilmCountry", related_name="films")
    languages = models.ManyToManyField(Language, through="FilmLanguage", related_name="films")
    genres = models.ManyToManyField(Genre, blank=True, related_name="films")
    collection = models.ForeignKey(
        Collection,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="films",
    )
    collection_order = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Place in the collection: 1, 2, 3…"
    )
    poster = PictureField(
        upload_to="films/posters/",
        blank=True,
        width_field="poster_width",
        height_field="poster_height",
        widths=(160, 320, 640),
        help_text="JPEG, PNG or WebP, upright (2:3). Films without one get a poster made for them.",
    )
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    backdrop = PictureField(
        upload_to="films/backdrops/",
        blank=True,
        width_field="backdrop_width",
        height_field="backdrop_height",
        widths=(640, 1280, 1920),
        help_text="A wide still (16:9) shown behind the film's title.",
    )
    backdrop_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    backdrop_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    imdb_id = models.CharField(
        "IMDb id", max_length=12, blank=True, validators=[validate_imdb_title_id]
    )
    tmdb_id = models.PositiveIntegerField("TMDB id", null=True, blank=True, unique=True)
    wikidata_id = models.CharField(
        "Wikidata id", max_length=14, blank=True, validators=[validate_wikidata_id]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Its published reviews', stored so that sorting by rating reads an index instead of
    # averaging every film's reviews. The scale is PostgreSQL's avg() of ratings: every
    # rounding a reader sees, and the API's cursors, are what computing it each time gave.
    review_count = models.PositiveIntegerField(default=0, editable=False)
    average_rating = models.DecimalField(
        max_digits=17, decimal_places=16, null=True, blank=True, editable=False
    )
    # Those with a rating: the count search engines' aggregate rating gives beside the average.
    rated_review_count = models.PositiveIntegerField(default=0, editable=False)

    objects = FilmQuerySet.as_manager()

    class Meta:
        ordering = ["title", "year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["imdb_id"],
                condition=~Q(imdb_id=""),
                name="film_unique_imdb_id",
                violation_error_message="Another film already has this IMDb id.",
            ),
            models.UniqueConstraint(
                fields=["wikidata_id"],
                condition=~Q(wikidata_id=""),
                name="film_unique_wikidata_id",
                violation_error_message="Another film already has this Wikidata id.",
            ),
            models.CheckConstraint(
                condition=Q(imdb_id="") | Q(imdb_id__regex=IMDB_TITLE_ID),
                name="film_imdb_id_format",
            ),
            models.CheckConstraint(
                condition=Q(wikidata_id="") | Q(wikidata_id__regex=WIKIDATA_ID),
                name="film_wikidata_id_format",
            ),
            models.CheckConstraint(
                condition=Q(aspect_ratio="") | Q(aspect_ratio__regex=ASPECT_RATIO),
                name="film_aspect_ratio_format",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_FILM_YEAR) & Q(year__lte=LAST_FILM_YEAR),
                name="film_year_range",
            ),
            models.CheckConstraint(
                condition=Q(runtime_minutes__isnull=True) | Q(runtime_minutes__gt=0),
                name="film_runtime_positive",
                violation_error_message="Runtime must be at least one minute.",
            ),
            models.CheckConstraint(
                condition=Q(colour__in=["", *FilmColour.values]),
                name="film_colour_valid",
            ),
        ]
        indexes = [
            # Year and decade filters; the film list's sorts by year, to any depth: a deep
            # page's ids are read from the index alone. The "recently added" list sorts by
            # created_at.
            models.Index(fields=["year", "title", "id"], name="film_year_idx"),
            models.Index(fields=["-year", "title", "id"], name="film_year_desc_idx"),
            models.Index(fields=["-created_at"], name="film_created_idx"),
            # The API's ?updated_since= and sort=updated_at: what changed since a sync.
            models.Index(fields=["updated_at", "id"], name="film_updated_idx"),
            # Matching by title and year: the review importer, admin search; the film list's
            # default sort, to any depth.
            models.Index(fields=["title", "year", "id"], name="film_title_year_idx"),
            # A review's "Title (Year)" mentions, found without case on every uncached render
            # (reviews/mentions.py films_titled): without these, every film of those years.
            models.Index(Lower("title"), "year", name="film_title_lower_year_idx"),
            models.Index(Lower("original_title"), "year", name="film_original_lower_year_idx"),
            # Sorting by rating (highest first, unrated last) is film_rating_idx, made by the
            # migration for each database: they spell NULLS LAST apart.
        ]

    @property
    def poster_url(self) -> str:
        """The uploaded poster, else the one made for the film (films/posters.py)."""
        return self.poster.url if self.poster else slug_url("films:poster", self.slug)

    @property
    def poster_picture(self) -> Picture:
        """The poster as pages show it: the uploaded one's renditions, else the made one."""
        if self.poster:
            return self._meta.get_field("poster").picture_of(self)
        url = slug_url("films:poster", self.slug)
        return Picture(
            url, posters.WIDTH, posters.HEIGHT, (("image/png", f"{url} {posters.WIDTH}w"),)
        )

    @property
    def backdrop_picture(self) -> Picture | None:
        return self._meta.get_field("backdrop").picture_of(self)

    @property
    def poster_alt(self) -> str:
        return f"Poster for {self.title} ({self.year})"

    @property
    def share_picture(self) -> Picture:
        """What link previews show: the backdrop, which is wide as they are, else the poster."""
        return self.backdrop_picture or self.poster_picture

    @property
    def poster_is_generated(self) -> bool:
        return not self.poster

    @property
    def external_links(self) -> list[tuple[str, str]]:
        """(site, address) of this film elsewhere."""
        links = []
        if self.imdb_id:
            links.append(("IMDb", f"https://www.imdb.com/title/{self.imdb_id}/"))
        if self.tmdb_id:
            links.append(("TMDB", f"https://www.themoviedb.org/movie/{self.tmdb_id}"))
        if self.wikidata_id:
            links.append(("Wikidata", f"https://www.wikidata.org/wiki/{self.wikidata_id}"))
        return links

    def __str__(self):
        return f"{self.title} ({self.year})"

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, f"{self.title} {self.year}")
        if not self._state.adding and kwargs.get("update_fields") is None:
            # A film saved whole leaves its review summary as the reviews app last wrote it,
            # not as this instance loaded it: a review published meanwhile would be undone.
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in REVIEW_SUMMARY_FIELDS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("films:detail", self.slug)

    # The helpers below read rows prefetched by FilmQuerySet.with_facts / with_credits when a
    # page loaded them that way, and otherwise load them once, on first use: a page whose
    # fragments are cached never asks.

    def _prefetched_or(self, name: str, query: Callable[[], models.QuerySet]) -> list:
        """The rows prefetched to the attribute ``name``, or else those of ``query()``: only
        called when it is needed, since building a queryset costs more than reading a list."""
        rows = self.__dict__.get(name)
        return rows if rows is not None else list(query())

    @cached_property
    def ordered_countries(self) -> list[Country]:
        rows = self._prefetched_or(
            "country_rows", lambda: self.film_countries.select_related("country")
        )
        return [row.country for row in rows]

    @cached_property
    def ordered_languages(self) -> list[Language]:
        rows = self._prefetched_or(
            "language_rows", lambda: self.film_languages.select_related("language")
        )
        return [row.language for row in rows]

    @cached_property
    def genre_list(self) -> list[Genre]:
        return self._prefetched_or("genre_rows", lambda: self.genres.all())

    @cached_property
    def credit_list(self) -> list["Credit"]:
        """Every credit with its person, in billing order."""
        return self._prefetched_or("credit_rows", lambda: self.credits.select_related("person"))

    def fact_line(self) -> str:
        """The house-style fact line, e.g.
        ``USA • HUNGARY | 2025 | 124 MINUTES | 2.39:1 | COLOUR | ENGLISH``."""
        parts = []
        if countries := self.ordered_countries:
            parts.append(" • ".join(country.short_name for country in countries))
        parts.append(str(self.year))
        if self.runtime_minutes:
            parts.append(f"{self.runtime_minutes} minutes")
        if self.aspect_ratio:
            parts.append(self.aspect_ratio)
        if self.colour:
            parts.append(self.get_colour_display())
        if languages := self.ordered_languages:
            parts.append(" • ".join(language.name for language in languages))
        return " | ".join(parts).upper()

    @cached_property
    def releases(self) -> list["ReleaseDate"]:
        """Every release, earliest first."""
        return self._prefetched_or(
            "release_rows", lambda: self.release_dates.select_related("country")
        )

    @property
    def first_release(self) -> "ReleaseDate | None":
        """The release a reader means by "released": the first theatrical one, else the first."""
        theatrical = [r for r in self.releases if r.type == ReleaseType.THEATRICAL]
        return (theatrical or self.releases or [None])[0]

    @cached_property
    def also_known_as(self) -> list["AlternativeTitle"]:
        return self._prefetched_or(
            "alternative_title_rows",
            lambda: self.alternative_titles.select_related("country", "language"),
        )

    def credits_by_role(self, role: str) -> list["Credit"]:
        return [credit for credit in self.credit_list if credit.role == role]

    @property
    def directors(self):
        return self.credits_by_role(Credit.Role.DIRECTOR)

    @property
    def writers(self):
        return self.credits_by_role(Credit.Role.WRITER)

    @property
    def source_credits(self):
        return self.credits_by_role(Credit.Role.SOURCE_MATERIAL)

    @property
    def cast(self):
        return self.credits_by_role(Credit.Role.CAST)

    @property
    def crew(self) -> list[tuple[str, list["Credit"]]]:
        """Credits other than direction, writing and cast, grouped by role in role order."""
        shown_elsewhere = {
            CreditRole.DIRECTOR,
            CreditRole.WRITER,
            CreditRole.SOURCE_MATERIAL,
            CreditRole.CAST,
        }
        return [
            (role.label, credits)
            for role in CreditRole
            if role not in shown_elsewhere and (credits := self.credits_by_role(role))
        ]

    # The rows a version of the film holds (django-reversion follows these; registered below),
    # each read with what its name shows: one query per kind, not one per row.

    @property
    def versioned_credits(self):
        return self.credits.select_related("person")

    @property
    def versioned_release_dates(self):
        return self.release_dates.select_related("country")

    @property
    def versioned_alternative_titles(self):
        return self.alternative_titles.all()

    @property
    def versioned_stills(self):
        return self.stills.all()

    @property
    def versioned_countries(self):
        return self.film_countries.select_related("country")

    @property
    def versioned_languages(self):
        return self.film_languages.select_related("language")

    @property
    def versioned_relations(self):
        return self.relations.select_related("related_film")


class ReleaseType(models.TextChoices):
    """TMDB's six, in its order. A festival screening is a premiere, with the festival in the
    note, as TMDB records it."""

    PREMIERE = "premiere", "Premiere"
    LIMITED = "limited", "Theatrical (limited)"
    THEATRICAL = "theatrical", "Theatrical"
    DIGITAL = "digital", "Digital"
    PHYSICAL = "physical", "Physical"
    TV = "tv", "TV"


@reversion.register()
class ReleaseDate(models.Model):
    """When a film came out in one country, and how."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="release_dates")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    type = models.CharField(max_length=12, choices=ReleaseType, default=ReleaseType.THEATRICAL)
    date = models.DateField()
    note = models.CharField(
        max_length=200, blank=True, help_text="e.g. Venice Film Festival, or a restored version."
    )

    class Meta:
        ordering = ["date", "country_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "country", "type", "date"],
                name="release_date_once",
                violation_error_message="This film already has this release.",
            )
        ]
        indexes = [models.Index(fields=["country", "date"], name="release_country_date_idx")]

    def __str__(self):
        return f"{self.date.day} {self.date:%B %Y} ({self.country})"


@reversion.register()
class AlternativeTitle(models.Model):
    """Another title a film is known by: in a country or a language, and of what kind."""

    class Kind(models.TextChoices):
        RELEASE = "release", "Release title"
        TRANSLATED = "translated", "Translated title"
        TRANSLITERATED = "transliterated", "Transliterated title"
        WORKING = "working", "Working title"
        FESTIVAL = "festival", "Festival title"
        SHORT = "short", "Short title"
        VIDEO = "video", "Video or TV title"
        OTHER = "other", "Other title"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="alternative_titles")
    title = models.CharField(max_length=300)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=16, choices=Kind, default=Kind.RELEASE)

    class Meta:
        ordering = ["country_id", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "title", "country", "language", "kind"],
                name="alternative_title_once",
                violation_error_message="This film already has this title.",
            )
        ]

    def __str__(self):
        return self.title


@reversion.register()
class Still(models.Model):
    """A frame or a set photograph of a film, shown in its gallery in ``position`` order."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="stills")
    image = PictureField(
        upload_to="films/stills/",
        width_field="width",
        height_field="height",
        widths=(320, 640, 1280),
    )
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    caption = models.CharField(
        max_length=300,
        blank=True,
        help_text="What it shows, read aloud to readers who cannot see it: "
        "“Eve and Pike on the frozen lake”.",
    )
    credit = models.CharField(
        max_length=200, blank=True, help_text="Who took or owns it, e.g. “Lionsgate”."
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="1, 2, 3… in the gallery.")

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.caption or f"Still {self.position} of {self.film}"

    @property
    def picture(self) -> Picture:
        return self._meta.get_field("image").picture_of(self)

    @property
    def alt_text(self) -> str:
        return self.caption or f"A still from {self.film.title} ({self.film.year})"


@reversion.register()
class FilmCountry(models.Model):
    """A production country of a film, in the order the film's credits list them."""

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="film_countries")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "country"
        verbose_name_plural = "countries"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film", "country"], name="film_country_once")
        ]

    def __str__(self):
        return str(self.country)


@reversion.register()
class FilmLanguage(models.Model):
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="film_languages")
    language = models.ForeignKey(Language, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "language"
        verbose_name_plural = "languages"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["film", "language"], name="film_language_once")
        ]

    def __str__(self):
        return str(self.language)


@reversion.register()
class FilmRelation(models.Model):
    """``film`` is a sequel/prequel/spin-off/remake of ``related_film``, or set between two films
    (one row for each film it sits between)."""

    Kind = RelationKind

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(max_length=20, choices=Kind)
    related_film = models.ForeignKey(
        Film, on_delete=models.PROTECT, related_name="inverse_relations"
    )

    class Meta:
        ordering = ["kind", "related_film__year", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "kind", "related_film"], name="film_relation_once"
            ),
            models.CheckConstraint(
                condition=~Q(film=models.F("related_film")),
                name="film_relation_not_self",
                violation_error_message="A film cannot be related to itself.",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=RelationKind.values), name="film_relation_kind"
            ),
        ]

    def __str__(self):
        return f"{self.film} — {self.get_kind_display().lower()} {self.related_film}"


FILMOGRAPHY_ORDER = ["-film__year", "film__title", "order", "id"]
# What a line of a person's filmography shows (people/includes/_credits.html), its order, and
# the person, whom a person's credits are given by their person_id.
FILMOGRAPHY_FIELDS = (
    "person",
    "role",
    "character",
    "note",
    "order",
    *(f"film__{name}" for name in ("title", "year", "slug")),
)


class CreditQuerySet(models.QuerySet):
    def for_filmography(self, *, per_role: int | None = None):
        """With films, newest first: what a person's page lists. With ``per_role``, only the
        first so many of each role, each knowing how many its role has (``role_total``)."""
        credits = self.select_related("film").order_by(*FILMOGRAPHY_ORDER)
        if per_role is None:
            return credits
        return credits.annotate(
            place=Window(RowNumber(), partition_by=F("role"), order_by=FILMOGRAPHY_ORDER),
            role_total=Window(Count("pk"), partition_by=F("role")),
        ).filter(place__lte=per_role)


class Filmography(NamedTuple):
    role: "CreditRole"
    credits: list["Credit"]

    @property
    def total(self) -> int:
        """All this role's credits: more than ``credits`` when only the first were read."""
        return getattr(self.credits[0], "role_total", len(self.credits))


def by_role(credits) -> list[Filmography]:
    """Credits grouped by role, in the order roles are listed: a person's filmography."""
    grouped: dict[str, list[Credit]] = {}
    for credit in credits:
        grouped.setdefault(credit.role, []).append(credit)
    return [Filmography(role, grouped[role.value]) for role in CreditRole if role.value in grouped]


@reversion.register()
class Credit(TracksChanges):
    Role = CreditRole

    # No index of their own: credit_film_role_order_idx and credit_person_role_idx (below)
    # start with them and serve every lookup by film or by person. Two fewer indexes to keep
    # up to date on every credit written (millions, in an IMDb import).
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="credits", db_index=False)
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="credits", db_index=False
    )
    role = models.CharField(max_length=20, choices=Role)
    character = models.CharField(max_length=200, blank=True, help_text="Cast only.")
    order = models.PositiveSmallIntegerField(
        default=0,
        help_text="Billing order: 1 is top billed. Orders credits within a role.",
    )
    note = models.CharField(
        max_length=200,
        blank=True,
        help_text='e.g. "based on characters created by", "uncredited"',
    )
    credited_as = models.CharField(
        max_length=200, blank=True, help_text="The name on screen, where it is not theirs now."
    )

    objects = CreditQuerySet.as_manager()

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role", "character"],
                name="credit_unique",
                violation_error_message="This person already has this credit on this film.",
            ),
            models.CheckConstraint(
                condition=Q(role__in=CreditRole.values), name="credit_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(role="cast") | Q(character=""),
                name="credit_character_only_for_cast",
                violation_error_message="Only cast credits have a character.",
            ),
        ]
        indexes = [
            # Filmographies: a person's credits by role.
            models.Index(fields=["person", "role"], name="credit_person_role_idx"),
            # Film pages: a film's credits by role in billing order.
            models.Index(fields=["film", "role", "order"], name="credit_film_role_order_idx"),
        ]

    def __str__(self):
        label = f"{self.person} — {self.get_role_display()}"
        if self.character:
            label += f" ({self.character})"
        return f"{label}, {self.film}"

    def clean(self):
        if self.character and self.role != self.Role.CAST:
            raise ValidationError({"character": "Only cast credits have a character."})


class ImdbImportCheckpoint(models.Model):
    """How far ``manage.py import_imdb`` got through one dataset file, so ``--resume`` skips
    finished work. Saved in the transaction of each batch, so it never runs ahead of the data."""

    phase = models.CharField(max_length=20, unique=True)
    source = models.CharField(max_length=255, help_text="The file's name and size in bytes.")
    line_number = models.PositiveBigIntegerField(default=1, help_text="Last line written.")
    finished = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]

    def __str__(self):
        state = "finished" if self.finished else f"at line {self.line_number:,}"
        return f"IMDb import of {self.source}: {state}"
