from django.db import models
from django.db.models.base import DEFERRED


class TracksChanges(models.Model):
    """Remembers the values a row was loaded with, so a save can tell which fields it changes
    without a query (Django's "Customizing model loading" recipe)."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # post_save receivers still see the values loaded
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
