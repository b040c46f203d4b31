from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.base import DEFERRED


class TracksChanges(models.Model):
    """Remembers the values a row was loaded with, so a save can tell which fields it changes
    without a query (Django's "Customizing model loading" recipe)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # post_save receivers still see the values loaded
        if (old := self.loaded_value("slug")) and old != getattr(self, "slug", old):
            OldSlug.remember(self, old)
        loaded = self.__dict__
        self._loaded_values = {
            f.attname: loaded[f.attname] for f in self._meta.fields if f.attname in loaded
        }

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def loaded_value(self, attname: str):
        """The value ``attname`` was loaded with: None for a new or unloaded row."""
        value = getattr(self, "_loaded_values", {}).get(attname)
        return None if value is DEFERRED else value

    def changed(self, *attnames: str) -> bool:
        """Whether any of these fields differs from what was loaded (True for a new row)."""
        loaded = getattr(self, "_loaded_values", None)
        if loaded is None:
            return True
        return any(
            loaded.get(name, DEFERRED) is DEFERRED or loaded[name] != getattr(self, name)
            for name in attnames
        )


class OldSlug(models.Model):
    """A slug an object had before, so its old addresses answer 301 to the new one (on the
    site and in the API), as long as no other object takes that slug."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.BigIntegerField()
    slug = models.SlugField(max_length=220, db_index=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="old_slug_once")
        ]

    def __str__(self):
        return self.slug

    @classmethod
    def remember(cls, instance: models.Model, slug: str) -> None:
        cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(instance),
            slug=slug,
            defaults={"object_id": instance.pk},
        )

    @classmethod
    def now_at(cls, queryset: models.QuerySet, slug: str):
        """The object in ``queryset`` that once had ``slug``, or None."""
        old = cls.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model), slug=slug
        ).first()
        return queryset.filter(pk=old.object_id).first() if old else None
