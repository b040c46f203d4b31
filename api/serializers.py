"""Read shapes (compact for lists, full for details) and write shapes.

Read serializers only touch what the viewsets' querysets load (api/views.py), so a page runs the
same queries whatever its size. Write serializers run the model's own validation, as the admin
does, and name related objects by slug (countries and languages by ISO code).
"""

import copy
from urllib.parse import urlencode

from django.core.validators import MaxLengthValidator
from django.db.backends.base.operations import BaseDatabaseOperations
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from api import services
from api.models import FeedEntry
from authors.models import Author
from core.images import PictureFormField
from core.links import absolute_url, route_url
from films.models import (
    AlternativeTitle,
    Collection,
    Country,
    Credit,
    Film,
    FilmRelation,
    Genre,
    Language,
    ReleaseDate,
    Still,
)
from lists.models import Entry, FilmList
from people.models import Person
from reviews.models import RATINGS, Review

# The longest list a write accepts (a film's genres, countries, languages).
MAX_LIST_ITEMS = 50

# Fields -----------------------------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.URI)
class SiteURLField(serializers.Field):
    """The object's page on the site, as its canonical link prints it. Genres, countries and
    languages have no page of their own: theirs is the film list filtered by them."""

    def __init__(self, *, films_filtered_by: tuple[str, str] | None = None, **kwargs):
        self.films_filtered_by = films_filtered_by
        kwargs.setdefault("help_text", "The page on the site.")
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        if self.films_filtered_by:
            param, attribute = self.films_filtered_by
            query = urlencode({param: getattr(obj, attribute)})
            return absolute_url(f"{reverse('films:list')}?{query}")
        return absolute_url(obj.get_absolute_url())


@extend_schema_field(OpenApiTypes.URI)
class PosterField(serializers.Field):
    """The film's poster: the uploaded one, or the one made for it (see poster_generated)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "The poster, uploaded or made for the film (PNG).")
        super().__init__(source="poster_url", read_only=True, **kwargs)

    def to_representation(self, url: str) -> str:
        return absolute_url(url)


class APIURLField(serializers.HyperlinkedIdentityField):
    """DRF's, with the route reversed once, not per row (core.links.route_url)."""

    def get_url(self, obj, view_name, request, format):
        url = route_url(view_name, self.lookup_url_kwarg, getattr(obj, self.lookup_field))
        return request.build_absolute_uri(url) if request is not None else url


def api_url(view_name: str, lookup_field: str = "slug") -> APIURLField:
    return APIURLField(
        view_name=f"api:{view_name}", lookup_field=lookup_field, help_text="This object in the API."
    )


def validate_half_stars(rating):
    # Out of range is the range checks' message; within it, only half stars.
    if RATINGS[0] <= rating <= RATINGS[-1] and rating not in RATINGS:
        raise serializers.ValidationError("A rating is 0.5 to 5 in half stars.")


@extend_schema_field({"type": "number", "format": "double", "multipleOf": 0.5})
class RatingField(serializers.DecimalField):
    """0.5 to 5 in half stars, as the model's constraint has it."""

    def __init__(self, **kwargs):
        super().__init__(
            max_digits=2,
            decimal_places=1,
            min_value=RATINGS[0],
            max_value=RATINGS[-1],
            **kwargs,
        )
        self.validators.append(validate_half_stars)  # after the range checks


class SlugListField(serializers.ManyRelatedField):
    """A list naming related objects by slug (or code), at most MAX_LIST_ITEMS long. Each item
    costs a query, so the length is checked before any is looked up."""

    default_error_messages = {
        "max_length": f"Ensure this list has no more than {MAX_LIST_ITEMS} items."
    }

    def __init__(self, *, slug_field: str, queryset, **kwargs):
        child = serializers.SlugRelatedField(slug_field=slug_field, queryset=queryset)
        # The validator never fails after the check below; it gives the schema its maxItems.
        kwargs.setdefault("validators", [MaxLengthValidator(MAX_LIST_ITEMS)])
        super().__init__(child_relation=child, **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, list):  # a dict would be iterated by its keys
            self.fail("not_a_list", input_type=type(data).__name__)
        if len(data) > MAX_LIST_ITEMS:
            self.fail("max_length")
        return super().to_internal_value(data)


class NamesField(serializers.ListField):
    """A list of names, kept one per line in the model's text field."""

    child = serializers.CharField(max_length=200, allow_blank=True)  # blank ones are dropped

    def __init__(self, **kwargs):
        super().__init__(max_length=MAX_LIST_ITEMS, **kwargs)

    def to_representation(self, value: str) -> list[str]:
        return [name for name in value.splitlines() if name.strip()]

    def to_internal_value(self, data) -> str:
        names = super().to_internal_value(data)
        if any("\n" in name or "\r" in name for name in names):
            raise serializers.ValidationError("A name cannot hold a line break.")
        return "\n".join(name.strip() for name in names if name.strip())


class ReviewStatsSerializer(serializers.Serializer):
    """Published reviews only (Film's stored ``review_count`` and ``average_rating``)."""

    count = serializers.IntegerField(source="review_count", min_value=0)
    # The bounds are the ratings' own, so the schema's too (an average of half stars).
    average_rating = serializers.DecimalField(
        max_digits=3,
        decimal_places=2,
        min_value=RATINGS[0],
        max_value=RATINGS[-1],
        allow_null=True,
        help_text="0.5 to 5, to two decimal places; null when nothing is rated.",
    )


# Model validation -------------------------------------------------------------------------------


# The mixins' notes are comments, not docstrings: the schema would show a docstring as the
# description of every serializer using them.


def fresh(field: serializers.Field) -> serializers.Field:
    """An unbound copy of an unbound ``field``, for a serializer to bind. DRF deep-copies,
    building each field anew: one holding fields (a nested serializer, a list's child) needs
    that, as they are bound to it. Binding any other sets attributes of the copy alone, so a
    shallow copy serves, at a fraction of the cost: a thirteenth of an uncached film detail."""
    holds_fields = isinstance(field, serializers.BaseSerializer | serializers.ManyRelatedField)
    if holds_fields or hasattr(field, "child"):
        return copy.deepcopy(field)
    copied = copy.copy(field)
    copied.error_messages = dict(field.error_messages)  # what a copy may change is its own
    if "_validators" in field.__dict__:
        copied._validators = list(field._validators)
    return copied


class ModelSerializer(serializers.ModelSerializer):
    def get_fields(self):
        # ModelSerializer builds its fields by inspecting the model, for every instance: on an
        # uncached detail that cost more than serializing. Nothing it reads varies by request,
        # so a class builds them once and each instance gets copies to bind (fresh()).
        built = type(self).__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            type(self)._built_fields = built
        return {name: fresh(field) for name, field in built.items()}

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        # SQLite's integer range is wider than PostgreSQL's: keep to the portable one, so the
        # schema and validation are the same on both.
        bounds = BaseDatabaseOperations.integer_field_ranges.get(model_field.get_internal_type())
        if bounds and field_class is serializers.IntegerField and not field_kwargs.get("read_only"):
            low, high = bounds
            field_kwargs["min_value"] = max(field_kwargs.get("min_value", low), low)
            field_kwargs["max_value"] = min(field_kwargs.get("max_value", high), high)
        return field_class, field_kwargs


# Images -----------------------------------------------------------------------------------------


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField(read_only=True)
    width = serializers.IntegerField(read_only=True, help_text="Pixels.")
    type = serializers.ChoiceField(
        choices=["image/webp", "image/jpeg", "image/png"], read_only=True
    )


# Image serializers: fields for the schema, data built by hand (DRF copied each field per detail).


def image_data(picture) -> dict:
    return {
        "url": absolute_url(picture.url),
        "width": picture.width,
        "height": picture.height,
        "renditions": [
            {**rendition, "url": absolute_url(rendition["url"])} for rendition in picture.renditions
        ],
    }


def still_data(still) -> dict:
    return {
        "id": still.id,
        "image": image_data(still.picture),
        "caption": still.caption,
        "credit": still.credit,
        "position": still.position,
    }


class ImageSerializer(serializers.Serializer):
    """An image with its size and the renditions made of it, for srcset."""

    url = serializers.URLField(read_only=True, help_text="The image as uploaded (cleaned).")
    width = serializers.IntegerField(read_only=True, help_text="Pixels.")
    height = serializers.IntegerField(read_only=True, help_text="Pixels.")
    renditions = RenditionSerializer(
        many=True, read_only=True, help_text="Smaller copies, WebP and JPEG, narrowest first."
    )

    def to_representation(self, picture):
        return image_data(picture)


class StillSerializer(ModelSerializer):
    image = ImageSerializer(source="picture", read_only=True)

    class Meta:
        model = Still
        fields = ["id", "image", "caption", "credit", "position"]

    def to_representation(self, still):
        return still_data(still)


class FilmImagesSerializer(serializers.Serializer):
    poster = ImageSerializer(
        source="poster_picture", read_only=True, help_text="Uploaded, or made for the film."
    )
    backdrop = ImageSerializer(source="backdrop_picture", read_only=True, allow_null=True)
    stills = StillSerializer(source="stills.all", many=True, read_only=True)

    def to_representation(self, film):
        backdrop = film.backdrop_picture
        return {
            "poster": image_data(film.poster_picture),
            "backdrop": None if backdrop is None else image_data(backdrop),
            "stills": [still_data(still) for still in film.stills.all()],
        }


class PersonImagesSerializer(serializers.Serializer):
    headshot = ImageSerializer(source="photo_picture", read_only=True, allow_null=True)

    def to_representation(self, person):
        headshot = person.photo_picture
        return {"headshot": None if headshot is None else image_data(headshot)}


class ImageUploadSerializer(serializers.Serializer):
    image = serializers.ImageField(
        _DjangoImageField=PictureFormField,
        help_text="JPEG, PNG, WebP or GIF, at most 20 MB and 50 megapixels. Its metadata is "
        "dropped and its orientation applied.",
    )


class StillUploadSerializer(ModelSerializer):
    image = serializers.ImageField(_DjangoImageField=PictureFormField)

    class Meta:
        model = Still
        fields = ["image", "caption", "credit", "position"]


class StillChangeSerializer(ModelSerializer):
    class Meta:
        model = Still
        fields = ["caption", "credit", "position"]


class ModelValidationMixin:
    # Validates with the model's full_clean(), what the admin runs: field validators, clean(),
    # unique checks and database constraints. Its errors come back per field.

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
        before = {field.name: getattr(instance, field.attname) for field in fields}
        instance.full_clean()
        # clean() may fill values in, e.g. a review published without a time is published now.
        for field in fields:
            if getattr(instance, field.attname) != before[field.name]:
                attrs[field.name] = getattr(instance, field.name)
        return attrs


class SavesSentFieldsMixin:
    # PUT replaces the object, so it writes every column. PATCH writes only the columns it was
    # sent (and updated_at), and many-to-many lists only when sent: a concurrent edit of other
    # fields survives.

    def update(self, instance, validated_data):
        if not self.partial:
            return super().update(instance, validated_data)
        serializers.raise_errors_on_nested_writes("update", self, validated_data)
        many_to_many = {field.name for field in instance._meta.many_to_many}
        for name, value in validated_data.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        instance.save(update_fields=self.columns_to_save(instance, validated_data))
        for name in many_to_many & validated_data.keys():
            getattr(instance, name).set(validated_data[name])
        return instance

    def columns_to_save(self, instance, validated_data: dict) -> list[str] | None:
        """For ``save(update_fields=...)``: None (every column) for PUT; for PATCH, the columns
        sent and the ``auto_now`` ones."""
        if not self.partial:
            return None
        fields = instance._meta.concrete_fields
        sent = [field.name for field in fields if field.name in validated_data]
        return sent + [field.name for field in fields if getattr(field, "auto_now", False)]


def reject_repeats(values: list, label: str) -> list:
    seen = set()
    for value in values:
        if value.pk in seen:
            raise serializers.ValidationError(f"{label} {value.pk} is listed twice.")
        seen.add(value.pk)
    return values


# Reference data ---------------------------------------------------------------------------------


class GenreSerializer(SavesSentFieldsMixin, ModelValidationMixin, ModelSerializer):
    url = api_url("genre-detail")
    site_url = SiteURLField(films_filtered_by=("genre", "slug"))

    class Meta:
        model = Genre
        fields = ["id", "slug", "name", "url", "site_url"]


class CountrySerializer(ModelSerializer):
    url = api_url("country-detail", lookup_field="code")
    site_url = SiteURLField(films_filtered_by=("country", "code"))

    class Meta:
        model = Country
        fields = ["code", "name", "short_name", "former", "url", "site_url"]


class LanguageSerializer(ModelSerializer):
    url = api_url("language-detail", lookup_field="code")
    site_url = SiteURLField(films_filtered_by=("language", "code"))

    class Meta:
        model = Language
        fields = ["code", "name", "url", "site_url"]


class GenreRefSerializer(ModelSerializer):
    """A genre in a list row: its slug and name (its links are on film details)."""

    class Meta:
        model = Genre
        fields = ["slug", "name"]


class CountryRefSerializer(ModelSerializer):
    class Meta:
        model = Country
        fields = ["code", "name"]


class LanguageRefSerializer(ModelSerializer):
    class Meta:
        model = Language
        fields = ["code", "name"]


class CollectionRefSerializer(ModelSerializer):
    url = api_url("collection-detail")

    class Meta:
        model = Collection
        fields = ["id", "slug", "name", "url"]


# References from one object to another ----------------------------------------------------------


class FilmRefSerializer(ModelSerializer):
    url = api_url("film-detail")
    site_url = SiteURLField()

    class Meta:
        model = Film
        fields = ["id", "slug", "title", "year", "url", "site_url"]


class PersonRefSerializer(ModelSerializer):
    url = api_url("person-detail")
    site_url = SiteURLField()

    class Meta:
        model = Person
        fields = ["id", "slug", "name", "url", "site_url"]


class AuthorRefSerializer(ModelSerializer):
    url = api_url("author-detail")
    site_url = SiteURLField()

    class Meta:
        model = Author
        fields = ["id", "slug", "name", "url", "site_url"]


class ReviewRefSerializer(ModelSerializer):
    url = api_url("review-detail")
    site_url = SiteURLField()

    class Meta:
        model = Review
        fields = ["id", "slug", "headline", "byline", "published_at", "url", "site_url"]


class CollectionFilmSerializer(FilmRefSerializer):
    class Meta(FilmRefSerializer.Meta):
        fields = [*FilmRefSerializer.Meta.fields, "collection_order"]


class CollectionSerializer(SavesSentFieldsMixin, ModelValidationMixin, ModelSerializer):
    url = api_url("collection-detail")
    films = CollectionFilmSerializer(many=True, read_only=True, help_text="In collection order.")

    class Meta:
        model = Collection
        fields = ["id", "slug", "name", "description", "url", "films"]


class FilmCreditSerializer(ModelSerializer):
    person = PersonRefSerializer(read_only=True)

    class Meta:
        model = Credit
        fields = ["id", "person", "credited_as", "role", "character", "order", "note"]


class FilmographyCreditSerializer(ModelSerializer):
    film = FilmRefSerializer(read_only=True)

    class Meta:
        model = Credit
        fields = ["id", "film", "role", "character", "order", "note"]


class RelationSerializer(ModelSerializer):
    film = FilmRefSerializer(source="related_film", read_only=True)

    class Meta:
        model = FilmRelation
        fields = ["kind", "film"]


class InverseRelationSerializer(ModelSerializer):
    film = FilmRefSerializer(read_only=True)

    class Meta:
        model = FilmRelation
        fields = ["kind", "film"]


class FilmReviewSerializer(ModelSerializer):
    """A published review as listed under its film."""

    url = api_url("review-detail")
    site_url = SiteURLField()
    rating = RatingField(read_only=True, allow_null=True)

    class Meta:
        model = Review
        fields = [
            "id", "slug", "url", "site_url", "headline", "standfirst", "byline", "rating",
            "published_at",
        ]  # fmt: skip


# Films ------------------------------------------------------------------------------------------


class ExpandableFieldsMixin:
    # Fields named in expandable_fields appear only when ?expand= asks for them. The view puts
    # the requested names in the context as "expand" (and loads their data); without that key,
    # as during schema generation, every field is kept.

    expandable_fields: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        expand = self.context.get("expand")
        if expand is not None:
            for name in self.expandable_fields:
                if name not in expand:
                    fields.pop(name)
        return fields


class FilmSummarySerializer(ExpandableFieldsMixin, ModelSerializer):
    expandable_fields = ("credits", "reviews")

    url = api_url("film-detail")
    site_url = SiteURLField()
    genres = GenreRefSerializer(source="genre_list", many=True, read_only=True)
    countries = CountryRefSerializer(source="ordered_countries", many=True, read_only=True)
    languages = LanguageRefSerializer(source="ordered_languages", many=True, read_only=True)
    collection = CollectionRefSerializer(read_only=True, allow_null=True)
    review_summary = ReviewStatsSerializer(source="*", read_only=True)
    poster = PosterField()
    poster_generated = serializers.BooleanField(
        source="poster_is_generated",
        read_only=True,
        help_text="True when the film has no uploaded poster and this one was made for it.",
    )
    credits = FilmCreditSerializer(
        source="credit_list",
        many=True,
        read_only=True,
        help_text="Only with ?expand=credits. In billing order.",
    )
    reviews = FilmReviewSerializer(
        source="published_reviews",
        many=True,
        read_only=True,
        help_text="Only with ?expand=reviews. Published reviews, newest first.",
    )

    class Meta:
        model = Film
        fields = [
            "id", "slug", "url", "site_url", "title", "original_title", "year", "release_date",
            "logline", "runtime_minutes", "genres", "countries", "languages", "collection",
            "poster", "poster_generated", "review_summary", "updated_at", "credits", "reviews",
        ]  # fmt: skip


class ReleaseDateSerializer(ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = ReleaseDate
        fields = ["date", "country", "type", "note"]


class AlternativeTitleSerializer(ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    language = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = AlternativeTitle
        fields = ["title", "country", "language", "kind"]


class FilmDetailSerializer(FilmSummarySerializer):
    expandable_fields = ("reviews",)

    genres = GenreSerializer(source="genre_list", many=True, read_only=True)
    countries = CountrySerializer(source="ordered_countries", many=True, read_only=True)
    languages = LanguageSerializer(source="ordered_languages", many=True, read_only=True)

    fact_line = serializers.CharField(
        read_only=True, help_text="The house-style fact line, e.g. USA • HUNGARY | 2025 | …"
    )
    credits = FilmCreditSerializer(
        source="credit_list", many=True, read_only=True, help_text="In billing order."
    )
    relations = RelationSerializer(
        source="relations_from",
        many=True,
        read_only=True,
        help_text="This film is <kind> <film>, e.g. a sequel of it.",
    )
    inverse_relations = InverseRelationSerializer(
        source="relations_to", many=True, read_only=True, help_text="<film> is <kind> this film."
    )
    mentioned_in = ReviewRefSerializer(
        source="published_mentions",
        many=True,
        read_only=True,
        help_text="Published reviews whose body mentions this film (up to 20, newest first).",
    )
    release_dates = ReleaseDateSerializer(
        source="releases",
        many=True,
        read_only=True,
        help_text="Each release by country and type (TMDB's six), earliest first.",
    )
    alternative_titles = AlternativeTitleSerializer(
        source="also_known_as", many=True, read_only=True, help_text="Other titles it is known by."
    )
    images = FilmImagesSerializer(source="*", read_only=True)

    class Meta(FilmSummarySerializer.Meta):
        fields = [
            "id", "slug", "url", "site_url", "title", "original_title", "alternative_titles",
            "year", "release_date", "release_dates", "logline", "synopsis", "runtime_minutes",
            "aspect_ratio", "colour", "fact_line",
            "genres", "countries", "languages", "collection", "collection_order", "relations",
            "inverse_relations", "poster", "poster_generated", "images",
            "imdb_id", "tmdb_id", "wikidata_id",
            "review_summary",
            "credits", "reviews", "mentioned_in", "created_at", "updated_at",
        ]  # fmt: skip


class FilmWriteSerializer(SavesSentFieldsMixin, ModelValidationMixin, ModelSerializer):
    """What editors send to create or change a film. Lists replace what the film had; a list
    left out is left alone."""

    genres = SlugListField(
        slug_field="slug",
        queryset=Genre.objects.all(),
        required=False,
        help_text="Genre slugs.",
    )
    countries = SlugListField(
        slug_field="code",
        queryset=Country.objects.all(),
        required=False,
        help_text="ISO 3166-1 codes, e.g. US, in the order the film's credits list them.",
    )
    languages = SlugListField(
        slug_field="code",
        queryset=Language.objects.all(),
        required=False,
        help_text="ISO 639-1 codes, e.g. en, in order.",
    )
    collection = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Collection.objects.all(),
        required=False,
        allow_null=True,
        help_text="Collection slug, or null.",
    )

    class Meta:
        model = Film
        fields = [
            "title", "original_title", "slug", "year", "release_date", "logline", "synopsis",
            "runtime_minutes", "aspect_ratio", "colour", "genres", "countries", "languages",
            "collection", "collection_order", "imdb_id", "tmdb_id", "wikidata_id",
        ]  # fmt: skip

    def validate_countries(self, countries):
        return reject_repeats(countries, "Country")

    def validate_languages(self, languages):
        return reject_repeats(languages, "Language")

    def create(self, validated_data):
        related = self._pop_related(validated_data)
        return services.save_film(film=Film(**validated_data), **related)

    def update(self, film, validated_data):
        related = self._pop_related(validated_data)
        for name, value in validated_data.items():
            setattr(film, name, value)
        columns = self.columns_to_save(film, validated_data)
        return services.save_film(film=film, update_fields=columns, **related)

    @staticmethod
    def _pop_related(validated_data: dict) -> dict:
        names = ("genres", "countries", "languages")
        return {name: validated_data.pop(name, None) for name in names}


# Credits ----------------------------------------------------------------------------------------


class CreditSerializer(SavesSentFieldsMixin, ModelValidationMixin, ModelSerializer):
    url = api_url("credit-detail", lookup_field="pk")
    film = serializers.SlugRelatedField(
        slug_field="slug", queryset=Film.objects.all(), help_text="Film slug."
    )
    person = serializers.SlugRelatedField(
        slug_field="slug", queryset=Person.objects.all(), help_text="Person slug."
    )

    class Meta:
        model = Credit
        fields = [
            "id",
            "url",
            "film",
            "person",
            "credited_as",
            "role",
            "character",
            "order",
            "note",
        ]
        # The model's constraint says it better than DRF's generated unique-together check.
        validators = []


# People -----------------------------------------------------------------------------------------


class PersonSummarySerializer(ModelSerializer):
    url = api_url("person-detail")
    site_url = SiteURLField()

    class Meta:
        model = Person
        fields = [
            "id", "slug", "url", "site_url", "name", "birth_date", "death_date", "updated_at",
        ]  # fmt: skip


class PersonSerializer(SavesSentFieldsMixin, ModelValidationMixin, PersonSummarySerializer):
    filmography = FilmographyCreditSerializer(
        source="credits", many=True, read_only=True, help_text="Newest film first."
    )
    mentioned_in = ReviewRefSerializer(
        source="published_mentions",
        many=True,
        read_only=True,
        help_text="Published reviews whose body mentions this person (up to 20, newest first).",
    )
    also_known_as = NamesField(
        source="other_names", required=False, help_text="Other names: a birth name, a spelling."
    )
    images = PersonImagesSerializer(source="*", read_only=True)

    class Meta(PersonSummarySerializer.Meta):
        fields = [
            *PersonSummarySerializer.Meta.fields, "birth_place", "death_place", "also_known_as",
            "biography", "photo", "images", "imdb_id", "tmdb_id", "wikidata_id", "filmography",
            "mentioned_in", "created_at",
        ]  # fmt: skip
        read_only_fields = ["photo"]


# Reviews ----------------------------------------------------------------------------------------


class ReviewSummarySerializer(ModelSerializer):
    url = api_url("review-detail")
    site_url = SiteURLField()
    film = FilmRefSerializer(read_only=True)
    critic = AuthorRefSerializer(
        read_only=True, allow_null=True, help_text="Who the byline credits; null if no one."
    )
    rating = RatingField(read_only=True, allow_null=True)

    class Meta:
        model = Review
        fields = [
            "id", "slug", "url", "site_url", "film", "headline", "standfirst", "byline",
            "critic", "rating", "status", "published_at", "updated_at",
        ]  # fmt: skip


class ReviewSerializer(ReviewSummarySerializer):
    body = serializers.CharField(read_only=True, help_text="Markdown source.")
    body_html = serializers.CharField(
        read_only=True, help_text="The body as sanitised HTML, with mentions linked."
    )
    mentioned_films = FilmRefSerializer(
        many=True, read_only=True, help_text="Films the body mentions as Title (Year)."
    )
    mentioned_people = PersonRefSerializer(
        many=True, read_only=True, help_text="People the body mentions by full name."
    )

    class Meta(ReviewSummarySerializer.Meta):
        fields = [
            *ReviewSummarySerializer.Meta.fields, "body", "body_html", "mentioned_films",
            "mentioned_people", "created_at",
        ]  # fmt: skip


class ReviewWriteSerializer(SavesSentFieldsMixin, ModelValidationMixin, ModelSerializer):
    """The author is whoever creates the review; publishing without a time publishes now.
    Publishing or scheduling needs a headline, rating, byline and body (a draft may lack all but
    the headline); a 400 names the missing fields. A draft's slug follows its headline."""

    film = serializers.SlugRelatedField(
        slug_field="slug", queryset=Film.objects.all(), help_text="Film slug."
    )
    author = serializers.HiddenField(
        default=serializers.CreateOnlyDefault(serializers.CurrentUserDefault())
    )
    critic = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Author.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the critic the byline credits; when it and the byline are left out, "
        "your author profile's, if you have one.",
    )
    rating = RatingField(required=False, allow_null=True)

    class Meta:
        model = Review
        fields = [
            "film", "author", "headline", "slug", "standfirst", "body", "rating", "status",
            "published_at", "byline", "critic",
        ]  # fmt: skip


# Authors ----------------------------------------------------------------------------------------


class AuthorSerializer(ModelSerializer):
    url = api_url("author-detail")
    site_url = SiteURLField()
    headshot = ImageSerializer(source="headshot_picture", read_only=True, allow_null=True)

    class Meta:
        model = Author
        fields = ["id", "slug", "url", "site_url", "name", "bio", "headshot", "updated_at"]


# Search -----------------------------------------------------------------------------------------


class SearchFilmSerializer(FilmRefSerializer):
    class Meta(FilmRefSerializer.Meta):
        fields = [*FilmRefSerializer.Meta.fields, "logline"]


# The change feed ------------------------------------------------------------------------------


class ChangeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=FeedEntry.Kind.values)
    id = serializers.IntegerField()
    slug = serializers.CharField(allow_null=True, help_text="Null when deleted.")
    action = serializers.ChoiceField(
        choices=["created", "updated", "deleted"],
        help_text="As you may see it now: created or updated since your cursor, or gone "
        "(deleted, or a review unpublished).",
    )
    changed_at = serializers.DateTimeField()
    url = serializers.URLField(allow_null=True, help_text="Its detail; null when deleted.")


class ChangesSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_cursor = serializers.CharField(help_text="Pass as ?since= to read on from here.")
    has_more = serializers.BooleanField(help_text="True when more changes wait now.")
    next = serializers.URLField(help_text="This feed from next_cursor.")


# Curated lists ----------------------------------------------------------------------------------


class FilmListSummarySerializer(ModelSerializer):
    url = api_url("filmlist-detail")
    site_url = SiteURLField()
    critic = AuthorRefSerializer(
        read_only=True, allow_null=True, help_text="Who the byline credits; null if no one."
    )
    film_count = serializers.IntegerField(read_only=True, min_value=0)

    class Meta:
        model = FilmList
        fields = [
            "id", "slug", "url", "site_url", "title", "byline", "critic", "film_count",
            "status", "published_at", "updated_at",
        ]  # fmt: skip


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField(help_text="The words searched for, cleaned.")
    films = SearchFilmSerializer(many=True)
    people = PersonRefSerializer(many=True)
    reviews = ReviewSummarySerializer(many=True, help_text="Published reviews only.")
    lists = FilmListSummarySerializer(many=True, help_text="Published curated lists only.")


class EntrySerializer(ModelSerializer):
    film = FilmRefSerializer(read_only=True)

    class Meta:
        model = Entry
        fields = ["position", "film", "blurb"]


class FilmListSerializer(FilmListSummarySerializer):
    introduction = serializers.CharField(read_only=True, help_text="Markdown source.")
    introduction_html = serializers.CharField(
        read_only=True, help_text="The introduction as sanitised HTML."
    )
    entries = EntrySerializer(many=True, read_only=True, help_text="The films, in order.")

    class Meta(FilmListSummarySerializer.Meta):
        fields = [
            *FilmListSummarySerializer.Meta.fields, "introduction", "introduction_html",
            "entries", "created_at",
        ]  # fmt: skip


class EntryWriteSerializer(serializers.Serializer):
    film = serializers.SlugRelatedField(
        slug_field="slug", queryset=Film.objects.all(), help_text="Film slug."
    )
    blurb = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class FilmListWriteSerializer(SavesSentFieldsMixin, ModelValidationMixin, ModelSerializer):
    """The author is whoever creates the list; publishing without a time publishes now.
    Publishing or scheduling needs a title, an introduction, a byline and a film. ``entries``,
    when sent, replaces the films, in the order sent."""

    author = serializers.HiddenField(
        default=serializers.CreateOnlyDefault(serializers.CurrentUserDefault())
    )
    critic = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Author.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the critic the byline credits; when it and the byline are left out, "
        "your author profile's, if you have one.",
    )
    entries = EntryWriteSerializer(many=True, required=False, max_length=500)

    class Meta:
        model = FilmList
        fields = [
            "title", "slug", "introduction", "byline", "critic", "status", "published_at",
            "author", "entries",
        ]  # fmt: skip

    def validate_entries(self, entries):
        films = [entry["film"] for entry in entries]
        reject_repeats(films, "Film")
        return entries

    def validate(self, attrs):
        entries = attrs.pop("entries", None)
        attrs = super().validate(attrs)
        status = attrs.get("status", getattr(self.instance, "status", FilmList.Status.DRAFT))
        has_films = bool(entries) if entries is not None else (
            self.instance is not None and self.instance.entries.exists()
        )  # fmt: skip
        if status == FilmList.Status.PUBLISHED and not has_films:
            raise serializers.ValidationError({"entries": ["A published list needs a film."]})
        if entries is not None:
            attrs["entries"] = entries
        return attrs

    def create(self, validated_data):
        entries = validated_data.pop("entries", [])
        film_list = super().create(validated_data)
        self.write_entries(film_list, entries)
        return film_list

    def update(self, instance, validated_data):
        entries = validated_data.pop("entries", None)
        film_list = super().update(instance, validated_data)
        if entries is not None:
            instance.entries.all().delete()
            self.write_entries(film_list, entries)
        return film_list

    @staticmethod
    def write_entries(film_list, entries: list[dict]) -> None:
        Entry.objects.bulk_create(
            Entry(film_list=film_list, film=entry["film"], blurb=entry.get("blurb", ""),
                  position=number)
            for number, entry in enumerate(entries, start=1)
        )  # fmt: skip
