from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from simple_history.admin import SimpleHistoryAdmin

from reviews.models import Review
from reviews.services import publish_reviews, unpublish_reviews


@admin.register(Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["headline", "film", "byline", "status", "rating", "published_at"]
    list_select_related = ["film", "author"]
    list_filter = ["status", "rating", "published_at"]
    search_fields = ["headline", "standfirst", "film__title", "byline"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["film"]
    prepopulated_fields = {"slug": ["headline"]}
    list_per_page = 100
    actions = ["publish", "unpublish"]
    fieldsets = [
        (None, {"fields": ["film", "headline", "slug", "standfirst", "body", "rating"]}),
        ("Publishing", {"fields": ["status", "published_at", "author", "byline"]}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        initial.setdefault("author", request.user.pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "author":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.action(description="Publish selected reviews", permissions=["change"])
    def publish(self, request, queryset):
        count = publish_reviews(reviews=queryset)
        self.message_user(request, f"Published {count} review(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected reviews", permissions=["change"])
    def unpublish(self, request, queryset):
        count = unpublish_reviews(reviews=queryset)
        self.message_user(request, f"Unpublished {count} review(s).", messages.SUCCESS)
