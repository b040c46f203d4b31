"""Form widgets drawn in Python where Django's templates cost too much."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe

from core.admin import CheckedAutocompleteSelect, KnownChoiceField

# What AutocompleteCreateSelect sends for a name nobody has yet: "new:Ana de Armas".
NEW_PREFIX = "new:"


class QuickSelect(forms.Select):
    """A ``<select>`` built in Python, not from one template per option: the film list's
    filters hold a few hundred options (every country and language in use), which Django's
    option templates took about a third of the page's time to draw. Same markup as
    ``forms.Select`` (tests/core/test_widgets.py compares them); no option groups."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = [
            f'<option value="{escape(option["value"])}"'
            f"{flatatt(option['attrs'])}>{escape(option['label'])}</option>"
            for _group, group_options, _index in widget["optgroups"]
            for option in group_options
        ]
        return mark_safe(  # noqa: S308 - every value above is escaped
            f'<select name="{escape(name)}"{flatatt(widget["attrs"])}>{"".join(options)}</select>'
        )


class AutocompleteCreateSelect(CheckedAutocompleteSelect):
    """The admin's autocomplete, which also offers “Create ‘Name’” when nobody has exactly the
    name typed (static/admin/marquee/autocomplete_create.js): choosing it sends ``new:Name``,
    which ``ModelChoiceOrNewField`` reads. No pop-up; the form's save makes the row."""

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        # Our script sets it up, not Django's autocomplete.js, which takes .admin-autocomplete.
        attrs["class"] = attrs["class"].replace("admin-autocomplete", "admin-autocomplete-create")
        return attrs

    def optgroups(self, name, value, attr=None):
        new_names = [item for item in value if str(item).startswith(NEW_PREFIX)]
        known = [item for item in value if item not in new_names]
        groups = super().optgroups(name, known, attr)
        for item in new_names:  # redisplayed after an error elsewhere in the form
            label = f"{item.removeprefix(NEW_PREFIX)} (new)"
            groups.append((None, [self.create_option(name, item, label, True, 0)], 0))
        return groups

    @property
    def media(self):
        django_media = super().media  # one list, so that ours comes after select2 and jQuery
        return forms.Media(
            js=[*django_media._js, "admin/marquee/autocomplete_create.js"], css=django_media._css
        )


class ModelChoiceOrNewField(KnownChoiceField):
    """A choice of a row, or ``new:Name`` for a new one: cleaned to an unsaved instance with
    ``name_field`` set, which the form saves before the row pointing at it."""

    def __init__(self, *args, name_field: str = "name", **kwargs):
        self.name_field = name_field
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if not (isinstance(value, str) and value.startswith(NEW_PREFIX)):
            return super().to_python(value)
        model = self.queryset.model
        name = " ".join(value.removeprefix(NEW_PREFIX).split())
        if not name:
            raise ValidationError("Type the new name.", code="required")
        new = model(**{self.name_field: name})
        model._meta.get_field(self.name_field).clean(name, new)  # its length, its validators
        return new
