import math

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, Exists, OuterRef, Q, Value, When

from core.admin import (
    CheckedInputAdminMixin,
    HistoryAdmin,
    ImagesAdminMixin,
    InlineRowForm,
    LabelledChoicesFormSet,
    SiteSearchAdminMixin,
)
from core.concurrency import ConcurrentEditsAdminMixin
from core.widgets import AutocompleteCreateSelect, ModelChoiceOrNewField
from films.models import (
    AlternativeTitle,
    Collection,
    Country,
    Credit,
    CreditRole,
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

# What the dashboard (templates/admin/index.html) asks of a film, and how it names a gap.
FILM_FACTS = {
    "has_poster": "poster",
    "has_runtime": "runtime",
    "has_credits": "credits",
    "has_countries": "countries",
    "has_languages": "languages",
    "has_genres": "genres",
}


def films_missing_facts(limit: int = 8) -> list[tuple[Film, list[str]]]:
    """The newest films lacking any fact a film's page shows, each with what it lacks: one
    query."""
    films = (
        Film.objects.only("title", "year", "poster", "runtime_minutes")
        .annotate(
            has_poster=~Q(poster=""),
            has_runtime=Q(runtime_minutes__isnull=False),
            has_credits=Exists(Credit.objects.filter(film=OuterRef("pk"))),
            has_countries=Exists(FilmCountry.objects.filter(film=OuterRef("pk"))),
            has_languages=Exists(FilmLanguage.objects.filter(film=OuterRef("pk"))),
            has_genres=Exists(Film.genres.through.objects.filter(film=OuterRef("pk"))),
        )
        .exclude(**dict.fromkeys(FILM_FACTS, True))
        .order_by("-created_at", "-id")[:limit]
    )
    return [
        (film, [name for fact, name in FILM_FACTS.items() if not getattr(film, fact)])
        for film in films
    ]


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
    form = InlineRowForm
    autocomplete_fields = ["country"]
    fields = ["country", "position"]
    extra = 1  # a row ready for a new film's first one

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country")  # each row's name


class LanguageInline(CheckedInputAdminMixin, admin.TabularInline):
    model = FilmLanguage
    form = InlineRowForm
    autocomplete_fields = ["language"]
    fields = ["language", "position"]
    extra = 1  # a row ready for a new film's first one

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("language")  # each row's name


class ReleaseDateInline(CheckedInputAdminMixin, admin.TabularInline):
    model = ReleaseDate
    form = InlineRowForm
    autocomplete_fields = ["country"]
    fields = ["date", "country", "type", "note"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country")  # each row's name


class AlternativeTitleInline(CheckedInputAdminMixin, admin.TabularInline):
    model = AlternativeTitle
    form = InlineRowForm
    autocomplete_fields = ["country", "language"]
    fields = ["title", "country", "language", "kind"]
    extra = 0


# Credits as the film's page lists them: director, writer, source, cast, then the crew.
HOUSE_ROLE_ORDER = Case(
    *(When(role=role, then=Value(rank)) for rank, role in enumerate(CreditRole.values)),
    default=Value(len(CreditRole.values)),
)
# The blank rows a film's form opens with: a new film's first credits, else more cast.
NEW_FILM_CREDIT_ROLES = [CreditRole.DIRECTOR, CreditRole.WRITER, CreditRole.CAST]
MORE_CREDIT_ROLES = [CreditRole.CAST] * 3


class CreditForm(InlineRowForm):
    order = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=32767,
        widget=forms.NumberInput(attrs={"class": "billing-order"}),
        help_text="Billing within the role, 1 first. Blank: in the order of the rows.",
    )

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self._new_person():  # no id until saved: the formset checks its credits instead
            exclude.add("person")
        return exclude

    def _new_person(self) -> bool:
        person = self.cleaned_data.get("person")
        return person is not None and person.pk is None

    def save(self, commit=True):
        person = self.cleaned_data.get("person")
        if self._new_person():  # “Create ‘Name’”: saved in the admin's transaction
            person.save()
            self.instance.person = person
        return super().save(commit)


class CreditFormSet(LabelledChoicesFormSet):
    """Bills each role's credits by the numbers typed, and rows without one after them in the
    order of the rows; a number just typed wins a tie (typing 1 moves a row to the top).
    Orders already in sequence are kept, so a save changes no row it need not."""

    def clean(self):
        super().clean()
        if any(self.errors):  # refused (deleted rows' errors are not counted): nothing saved
            return
        self._one_new_person_a_name()
        by_role: dict[str, list[tuple]] = {}
        for row, form in enumerate(self.forms):
            if self._should_delete_form(form) or not (form.instance.pk or form.has_changed()):
                continue
            typed = form.cleaned_data.get("order")
            key = (math.inf if typed is None else typed, "order" not in form.changed_data, row)
            by_role.setdefault(form.cleaned_data["role"], []).append((key, form))
        for rows in by_role.values():
            billed = 0
            for (typed, _, _), form in sorted(rows, key=lambda item: item[0]):
                billed = typed if typed != math.inf and typed > billed else billed + 1
                self._set_order(form, billed)

    def _one_new_person_a_name(self) -> None:
        """Rows naming the same new person credit one person; the same credit twice is an
        error here (the database would refuse it, and Django's check skips new people)."""
        new_people, credits = {}, set()
        for form in self.forms:
            person = form.cleaned_data.get("person") if form.has_changed() else None
            if person is None or person.pk is not None or self._should_delete_form(form):
                continue
            person = new_people.setdefault(person.name.casefold(), person)
            form.cleaned_data["person"] = form.instance.person = person
            credit = (person.name.casefold(), form.cleaned_data["role"], form.instance.character)
            if credit in credits:
                raise ValidationError(f"{person.name} has the same credit twice.")
            credits.add(credit)

    @staticmethod
    def _set_order(form, order: int) -> None:
        form.instance.order = form.cleaned_data["order"] = order
        if order != form.initial.get("order") and "order" not in form.changed_data:
            form.changed_data.append("order")  # so the formset saves the row


class CreditInline(CheckedInputAdminMixin, admin.TabularInline):
    model = Credit
    form = CreditForm
    formset = CreditFormSet
    autocomplete_fields = ["person"]
    fields = ["role", "person", "credited_as", "character", "order", "note"]
    extra = len(NEW_FILM_CREDIT_ROLES)

    class Media:
        js = ["admin/marquee/credit_order.js"]  # up and down buttons; typing works without

    def get_queryset(self, request):
        credits = super().get_queryset(request).select_related("person")
        return credits.order_by(HOUSE_ROLE_ORDER, "order", "id")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            kwargs["form_class"] = ModelChoiceOrNewField
            kwargs["widget"] = AutocompleteCreateSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "person" and isinstance(formfield.widget, RelatedFieldWidgetWrapper):
            formfield.widget = formfield.widget.widget  # no pop-ups: the widget makes people
        return formfield


class StillInline(ImagesAdminMixin, CheckedInputAdminMixin, admin.TabularInline):
    model = Still
    form = InlineRowForm
    fields = ["image", "caption", "credit", "position"]
    extra = 0
    verbose_name_plural = "stills (the gallery on the film's page)"


class RelationInline(CheckedInputAdminMixin, admin.TabularInline):
    model = FilmRelation
    form = InlineRowForm
    fk_name = "film"
    autocomplete_fields = ["related_film"]
    extra = 0
    verbose_name = "relation to another film"
    verbose_name_plural = "relations to other films"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("related_film")  # each row's name


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

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CreditInline):  # on POST too: rows left as shown are unchanged
            roles = MORE_CREDIT_ROLES if obj and obj.pk else NEW_FILM_CREDIT_ROLES
            kwargs["initial"] = [{"role": role} for role in roles]
        return kwargs

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
    formset = LabelledChoicesFormSet  # rows share the person, and are read back at once
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
