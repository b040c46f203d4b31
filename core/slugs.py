from django.db import models
from django.utils.text import slugify


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
