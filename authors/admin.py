from django.contrib import admin
from django.contrib.auth import get_user_model

from authors.models import Author
from core.admin import HistoryAdmin, ImagesAdminMixin
from core.concurrency import ConcurrentEditsAdminMixin


def credit_initial(user) -> dict:
    """A new review's or list's author, critic and byline in the admin: the editor, their
    author profile, and its name (else their full name)."""
    critic = Author.objects.filter(user=user).first()
    return {
        "author": user.pk,
        "critic": critic.pk if critic else None,
        "byline": critic.name if critic else user.get_full_name(),
    }


@admin.register(Author)
class AuthorAdmin(ImagesAdminMixin, ConcurrentEditsAdminMixin, HistoryAdmin):
    list_display = ["name", "user"]
    list_select_related = ["user"]
    search_fields = ["name"]
    ordering = ["name", "id"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "bio", "headshot", "user"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":  # an author profile belongs to an editor's account
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
