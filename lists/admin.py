import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.html import format_html_join

from authors.admin import credit_initial
from core import publishing
from core.admin import (
    CheckedInputAdminMixin,
    HistoryAdmin,
    InlineRowForm,
    LabelledChoicesFormSet,
)
from core.concurrency import ConcurrentEditsAdminMixin
from lists.models import Entry, FilmList


class EntryFormSet(LabelledChoicesFormSet):
    """A published list has films; rows are numbered 1, 2, 3… in the order their positions
    give (ties in the order of the rows), so an editor reorders by typing a number."""

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE") and form.instance.film_id
        ]
        if self.instance.status == FilmList.Status.PUBLISHED and not kept:
            raise forms.ValidationError("A published list needs at least one film.")
        kept.sort(key=lambda form: (form.cleaned_data.get("position") is None,
                                    form.cleaned_data.get("position") or 0))  # fmt: skip
        for number, form in enumerate(kept, start=1):
            form.instance.position = number


class EntryInline(CheckedInputAdminMixin, admin.TabularInline):
    model = Entry
    form = InlineRowForm
    formset = EntryFormSet
    fields = ["position", "film", "blurb"]
    autocomplete_fields = ["film"]
    extra = 3

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("film")  # each row names its film

    formfield_overrides = {
        Entry._meta.get_field("blurb"): {"widget": forms.Textarea(attrs={"rows": 3, "cols": 40})}
    }


@admin.register(FilmList)
class FilmListAdmin(ConcurrentEditsAdminMixin, HistoryAdmin):
    list_display = ["title", "byline", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "byline"]
    autocomplete_fields = ["critic"]
    inlines = [EntryInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "introduction"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "critic", "byline"]}),
    ]

    def get_changeform_initial_data(self, request):
        return {**credit_initial(request.user), **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":  # staff, and whoever wrote one already (the demo desk)
            kwargs["queryset"] = get_user_model().objects.filter(
                Q(is_staff=True) | Q(pk__in=FilmList.objects.values("author"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description="Publish selected lists", permissions=["change"])
    def publish(self, request, queryset):
        reversion.set_comment("Published.")  # the change list's revision: VersionAdmin's
        publication = publishing.publish(rows=queryset)
        if publication.published or not publication.skipped:
            message = f"Published {len(publication.published)} list(s)."
            self.message_user(request, message, messages.SUCCESS)
        if publication.skipped:
            skipped = [
                (row, FilmList.describe_missing(missing)) for row, missing in publication.skipped
            ]
            self.message_user(
                request, format_html_join("; ", "Skipped “{}”: {}", skipped), messages.WARNING
            )

    @admin.action(description="Unpublish selected lists", permissions=["change"])
    def unpublish(self, request, queryset):
        reversion.set_comment("Unpublished.")
        count = publishing.unpublish(rows=queryset)
        self.message_user(request, f"Unpublished {count} list(s).", messages.SUCCESS)
