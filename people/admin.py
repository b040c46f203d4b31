from django.contrib import admin
from django.db.models import Count
from simple_history.admin import SimpleHistoryAdmin

from films.models import Credit
from people.models import Person
from search.admin import SiteSearchAdminMixin


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
class PersonAdmin(SiteSearchAdminMixin, SimpleHistoryAdmin):
    search_group = "people"
    list_display = ["name", "birth_date", "imdb_id", "credit_count"]
    search_fields = ["name", "=imdb_id"]
    ordering = ["name", "id"]
    prepopulated_fields = {"slug": ["name"]}
    list_per_page = 100
    inlines = [PersonCreditInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "birth_date", "death_date", "biography", "photo"]}),
        ("Identifiers", {"fields": ["imdb_id", "wikidata_id"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(credit_count=Count("credits"))

    @admin.display(ordering="credit_count", description="credits")
    def credit_count(self, person):
        return person.credit_count
