import reversion
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.html import format_html_join

from core.admin import CheckedInputAdminMixin, HistoryAdmin, LabelledChoicesFormSet
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
    inlines = [EntryInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "introduction"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "byline"]}),
    ]

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.pk,
            "byline": request.user.get_full_name(),
            **super().get_changeform_initial_data(request),
        }

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":  # staff, and whoever wrote one already (the demo desk)
            kwargs["queryset"] = get_user_model().objects.filter(
                Q(is_staff=True) | Q(pk__in=FilmList.objects.values("author"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description="Publish selected lists", permissions=["change"])
    def publish(self, request, queryset):
        reversion.set_comment("Published.")  # the change list's revision: VersionAdmin's
        ready, skipped = [], []
        for film_list in queryset.filter(status=FilmList.Status.DRAFT):
            missing = [FilmList.describe_missing(film_list.missing_for_publication())]
            if not film_list.entries.exists():
                missing.append("no films")
            missing = [item for item in missing if item]
            (skipped if missing else ready).append((film_list, ", ".join(missing)))
        for film_list, _ in ready:
            film_list.status = FilmList.Status.PUBLISHED
            film_list.full_clean()
            film_list.save()
        if ready:
            self.message_user(request, f"Published {len(ready)} list(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                format_html_join("; ", "Skipped “{}”: {}", skipped),
                messages.WARNING,
            )

    @admin.action(description="Unpublish selected lists", permissions=["change"])
    def unpublish(self, request, queryset):
        count = queryset.filter(status=FilmList.Status.PUBLISHED).update(
            status=FilmList.Status.DRAFT, published_at=None
        )
        self.message_user(request, f"Unpublished {count} list(s).", messages.SUCCESS)
