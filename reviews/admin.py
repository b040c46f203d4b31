import reversion
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode

from authors.admin import credit_initial
from core import publishing
from core.admin import HistoryAdmin
from core.concurrency import ConcurrentEditsAdminMixin
from reviews.importer.views import can_import, import_view
from reviews.mentions import refresh_mentions, unmatched_film_mentions
from reviews.models import Review


@admin.register(Review)
class ReviewAdmin(ConcurrentEditsAdminMixin, HistoryAdmin):
    list_display = ["headline", "film", "byline", "status", "rating", "published_at"]
    list_select_related = ["film", "author"]
    list_filter = ["status", "rating", "published_at"]
    search_fields = ["headline", "standfirst", "film__title", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["film", "critic"]
    prepopulated_fields = {"slug": ["headline"]}
    list_per_page = 100
    actions = ["publish", "unpublish", "refresh_mentions"]
    change_list_template = "admin/reviews/review/change_list.html"  # adds "Import a review"
    readonly_fields = ["mentioned_films", "mentioned_people", "unmatched_mentions"]
    fieldsets = [
        (None, {"fields": ["film", "headline", "slug", "standfirst", "body", "rating"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "critic", "byline"]}),
        (
            "Mentions",
            {
                "fields": readonly_fields,
                "description": "What the body links to, updated each time the review is saved.",
            },
        ),
    ]

    def get_urls(self):
        import_url = path(
            "import/",
            self.admin_site.admin_view(self.import_view),
            name="reviews_review_import",
        )
        return [import_url, *super().get_urls()]

    def import_view(self, request):
        return import_view(request, model_admin=self)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_import": can_import(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        return fieldsets if obj else [fs for fs in fieldsets if fs[0] != "Mentions"]

    @admin.display(description="films mentioned, not in the database")
    def unmatched_mentions(self, review):
        """``Title (Year)`` mentions no film matches, each with a link to add that film."""
        unmatched = unmatched_film_mentions(review.body)
        if not unmatched:
            return "None"
        add_url = reverse("admin:films_film_add")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li>{} ({}) — <a href="{}?{}">add this film</a></li>',
                (
                    (title, year, add_url, urlencode({"title": title, "year": year}))
                    for title, year in unmatched
                ),
            ),
        )

    def get_changeform_initial_data(self, request):
        return {**credit_initial(request.user), **super().get_changeform_initial_data(request)}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":  # staff, and whoever wrote one already (the demo desk)
            kwargs["queryset"] = get_user_model().objects.filter(
                Q(is_staff=True) | Q(pk__in=Review.objects.values("author"))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description="Publish selected reviews", permissions=["change"])
    def publish(self, request, queryset):
        reversion.set_comment("Published.")  # the change list's revision: VersionAdmin's
        publication = publishing.publish(rows=queryset)
        if publication.published or not publication.skipped:
            message = f"Published {len(publication.published)} review(s)."
            self.message_user(request, message, messages.SUCCESS)
        for review, missing in publication.skipped:
            message = f"Skipped “{review}”: {Review.describe_missing(missing)}."
            self.message_user(request, message, messages.WARNING)

    @admin.action(description="Unpublish selected reviews", permissions=["change"])
    def unpublish(self, request, queryset):
        reversion.set_comment("Unpublished.")
        count = publishing.unpublish(rows=queryset)
        self.message_user(request, f"Unpublished {count} review(s).", messages.SUCCESS)

    @admin.action(description="Refresh mentions of selected reviews", permissions=["change"])
    def refresh_mentions(self, request, queryset):
        # For films and people added since a review was last saved.
        count = refresh_mentions(reviews=queryset)
        message = f"Refreshed the mentions of {count} review(s)."
        self.message_user(request, message, messages.SUCCESS)
