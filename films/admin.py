from django.contrib import admin
from django.db.models import Count

from core.admin import (
    CheckedInputAdminMixin,
    HistoryAdmin,
    ImagesAdminMixin,
    SiteSearchAdminMixin,
)
from core.concurrency import ConcurrentEditsAdminMixin
from films.models import (
    AlternativeTitle,
    Collection,
    Country,
    Credit,
    Film,
    FilmCountry,
    FilmLanguage,
    FilmRelation,
    Genre,
    Language,
    ReleaseDate,
    Still,
)
from people.models import Person


@admin.register(Country)
class CountryAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["short_name", "name", "code", "former", "needs_check"]
    list_filter = ["needs_check", "former"]
    search_fields = ["name", "short_name", "code", "other_names"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False  # pycountry's, by migration; the importer adds names nothing knew.

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Language)
class LanguageAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "needs_check"]
    list_filter = ["needs_check"]
    search_fields = ["name", "code", "other_names"]
    readonly_fields = ["code"]

    def has_add_permission(self, request):
        return False  # pycountry's, by migration; the importer adds names nothing knew.

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Genre)
class GenreAdmin(ConcurrentEditsAdminMixin, CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["name", "film_count"]
    search_fields = ["name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_count=Count("films"))

    @admin.display(ordering="film_count", description="films")
    def film_count(self, genre):
        return genre.film_count


class CollectionFilmInline(admin.TabularInline):
    model = Film
    fields = ["title", "year", "collection_order"]
    readonly_fields = ["title", "year"]
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ["collection_order", "year"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Collection)
class CollectionAdmin(ConcurrentEditsAdminMixin, CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["name", "film_count"]
    search_fields = ["name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CollectionFilmInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_count=Count("films"))

    @admin.display(ordering="film_count", description="films")
    def film_count(self, collection):
        return collection.film_count


class CountryInline(CheckedInputAdminMixin, admin.TabularInline):
    model = FilmCountry
    autocomplete_fields = ["country"]
    fields = ["country", "position"]
    extra = 0


class LanguageInline(CheckedInputAdminMixin, admin.TabularInline):
    model = FilmLanguage
    autocomplete_fields = ["language"]
    fields = ["language", "position"]
    extra = 0


class ReleaseDateInline(CheckedInputAdminMixin, admin.TabularInline):
    model = ReleaseDate
    autocomplete_fields = ["country"]
    fields = ["date", "country", "type", "note"]
    extra = 0


class AlternativeTitleInline(CheckedInputAdminMixin, admin.TabularInline):
    model = AlternativeTitle
    autocomplete_fields = ["country", "language"]
    fields = ["title", "country", "language", "kind"]
    extra = 0


class CreditInline(CheckedInputAdminMixin, admin.TabularInline):
    model = Credit
    autocomplete_fields = ["person"]
    fields = ["role", "person", "credited_as", "character", "order", "note"]
    extra = 0
    ordering = ["role", "order", "id"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class StillInline(ImagesAdminMixin, CheckedInputAdminMixin, admin.TabularInline):
    model = Still
    fields = ["image", "caption", "credit", "position"]
    extra = 0
    verbose_name_plural = "stills (the gallery on the film's page)"


class RelationInline(CheckedInputAdminMixin, admin.TabularInline):
    model = FilmRelation
    fk_name = "film"
    autocomplete_fields = ["related_film"]
    extra = 0
    verbose_name = "relation to another film"
    verbose_name_plural = "relations to other films"


@admin.register(Film)
class FilmAdmin(ImagesAdminMixin, ConcurrentEditsAdminMixin, SiteSearchAdminMixin, HistoryAdmin):
    search_group = "films"
    list_display = ["title", "year", "collection", "runtime_minutes", "credit_count", "updated_at"]
    list_select_related = ["collection"]
    list_filter = ["year", "genres", "film_countries__country", "collection"]
    search_fields = ["title", "original_title", "=imdb_id", "=tmdb_id", "=wikidata_id"]
    ordering = ["title", "year", "id"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["genres", "collection"]
    date_hierarchy = "created_at"
    list_per_page = 100
    inlines = [
        CountryInline,
        LanguageInline,
        ReleaseDateInline,
        AlternativeTitleInline,
        CreditInline,
        StillInline,
        RelationInline,
    ]
    fieldsets = [
        (None, {"fields": ["title", "original_title", "year", "slug", "logline", "synopsis"]}),
        (
            "Facts",
            {"fields": ["release_date", "runtime_minutes", "aspect_ratio", "colour", "genres"]},
        ),
        ("Collection", {"fields": ["collection", "collection_order"]}),
        ("Images", {"fields": ["poster", "backdrop"]}),
        ("Identifiers", {"fields": ["imdb_id", "tmdb_id", "wikidata_id"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=Count("credits"))

    @admin.display(ordering="credit_count", description="credits")
    def credit_count(self, film):
        return film.credit_count

    def get_search_results(self, request, queryset, search_term):
        # Autocomplete from reviews and relations: "ballerina 2025" narrows to the year.
        words = search_term.split()
        year = words[-1].strip("()") if words else ""
        if len(words) > 1 and year.isdigit() and len(year) == 4:
            queryset = queryset.filter(year=int(year))
            search_term = " ".join(words[:-1])
        return super().get_search_results(request, queryset, search_term)


# People are edited here, beside the credits their page lists.
class PersonCreditInline(admin.TabularInline):
    """A person's credits, read-only here: they are edited on the film."""

    model = Credit
    fields = ["film", "role", "character", "order", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = "credits (edit them on the film)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("film").order_by("-film__year")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Person)
class PersonAdmin(ImagesAdminMixin, ConcurrentEditsAdminMixin, SiteSearchAdminMixin, HistoryAdmin):
    search_group = "people"
    list_display = ["name", "birth_date", "imdb_id", "credit_count"]
    search_fields = ["name", "=imdb_id", "=tmdb_id", "=wikidata_id"]
    ordering = ["name", "id"]
    prepopulated_fields = {"slug": ["name"]}
    list_per_page = 100
    inlines = [PersonCreditInline]
    fieldsets = [
        (None, {"fields": ["name", "sort_name", "slug", "other_names", "biography", "photo"]}),
        ("Life", {"fields": [("birth_date", "birth_place"), ("death_date", "death_place")]}),
        ("Identifiers", {"fields": ["imdb_id", "tmdb_id", "wikidata_id"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=Count("credits"))

    @admin.display(ordering="credit_count", description="credits")
    def credit_count(self, person):
        return person.credit_count
