from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.text import slugify

from core.models import OldSlug


def unique_slug(instance: models.Model, text: str, *, field: str = "slug") -> str:
    """A slug for ``text`` that no other row uses: ``name``, ``name-2``, ``name-3``…

    Runs one query for the slugs already taken with that stem.
    """
    max_length = instance._meta.get_field(field).max_length
    stem = slugify(text)[: max_length - 6].strip("-") or instance._meta.model_name
    taken = set(
        type(instance)
        ._default_manager.filter(**{f"{field}__startswith": stem})
        .exclude(pk=instance.pk)
        .values_list(field, flat=True)
    )
    candidate, number = stem, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}"
    return candidate


class FollowsOldSlugsMixin:
    """A DetailView by slug whose 404 becomes a 301 when the slug is one its object had."""

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            found = OldSlug.now_at(self.get_queryset(), kwargs[self.slug_url_kwarg])
            if found is None:
                raise
        return HttpResponsePermanentRedirect(found.get_absolute_url())
