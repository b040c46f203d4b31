"""No edit lost in the admin: a change form remembers what it showed, and a save made from it
after someone else changed that is refused, with the editor's input kept. (The API has the
same guarantee through If-Match: api/views.py.)"""

import hashlib
import json
from datetime import datetime

import reversion
from django import forms
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router, transaction
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.forms.utils import pretty_name
from django.utils import timezone
from django.utils.text import capfirst, get_text_list
from reversion.models import Revision, Version

VERSION_FIELD = "loaded_version"
SALT = "core.concurrency.version"


class VersionField(forms.CharField):
    """The hidden mark of what a change form showed. Never itself a change."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data):
        return False


class _StateEncoder(DjangoJSONEncoder):
    def default(self, o):
        if isinstance(o, models.Model):
            return o.pk
        if isinstance(o, FieldFile):
            return o.name
        return super().default(o)


def _digest(value) -> str:
    text = json.dumps(value, cls=_StateEncoder, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def shown_state(form: forms.BaseForm, formsets: dict[str, forms.BaseFormSet]) -> dict:
    """A digest of each value an unbound change form shows, and of each editable inline's rows
    (``formsets`` by name): what a save from it would write over."""
    return {
        "fields": {
            name: _digest(form.get_initial_for_field(field, name))
            for name, field in form.fields.items()
            if name != VERSION_FIELD
        },
        "inlines": {
            name: _digest(
                {
                    str(row.instance.pk): {
                        field_name: row.get_initial_for_field(field, field_name)
                        for field_name, field in row.fields.items()
                    }
                    for row in formset.initial_forms
                }
            )
            for name, formset in formsets.items()
            if formset.form.base_fields or formset.can_delete  # else nothing to write over
        },
    }


class ConcurrentEditsAdminMixin:
    """For a ModelAdmin (before it in the bases). Its change form carries, in a hidden field, a
    digest of everything it shows, its inlines included. Saving it locks the row, then compares
    that with what is stored now. If anything differs, nothing is saved: the form comes back
    with the editor's input, an error naming what changed and who changed it (when the model
    is versioned), and those fields marked. It now carries the current state, so saving it
    again overwrites those changes knowingly. A form posted without the field (a script) is
    not checked; a revert form carries it, made from the version shown::

        class FilmAdmin(ConcurrentEditsAdminMixin, HistoryAdmin): ...
    """

    def get_object(self, request, object_id, from_field=None):
        if request.method == "POST":
            # A save waits here until any other save of this row commits, then reads it.
            self._lock_row(object_id, from_field)
        return super().get_object(request, object_id, from_field)

    def _lock_row(self, object_id, from_field) -> None:
        using = router.db_for_write(self.model)
        if not transaction.get_connection(using).in_atomic_block:
            return  # a lock would end at once; the admin's change and delete views are atomic
        opts = self.model._meta
        field = opts.pk if from_field is None else opts.get_field(from_field)
        try:
            key = field.to_python(object_id)
        except (ValidationError, ValueError):
            return  # get_object finds nothing either
        # NO KEY: the weaker lock, which foreign key checks of other writes pass.
        rows = self.model._default_manager.using(using).select_for_update(no_key=True)
        list(rows.filter(**{field.name: key}).values_list("pk", flat=True))

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != VERSION_FIELD]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not fieldsets or not self.has_change_permission(request, obj):
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *rest]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            return super().get_form(request, obj, change=change, **kwargs)
        model_admin = self

        class VersionedForm(kwargs.get("form", self.form)):
            loaded_version = VersionField()

            def clean(self):
                cleaned_data = super().clean()
                model_admin.refuse_stale_save(request, self)
                return cleaned_data

        return super().get_form(request, obj, change=change, **{**kwargs, "form": VersionedForm})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if obj is not None and VERSION_FIELD in form.fields and not form.is_bound:
            formsets = {
                type(inline.opts).__name__: inline.formset
                for inline in context["inline_admin_formsets"]
            }
            form.fields[VERSION_FIELD].initial = _token(shown_state(form, formsets))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def stored_state(self, request, form: forms.BaseForm) -> tuple[dict, dict]:
        """``shown_state`` of the form as it would show now, and the inline admins by name.
        Locks the inlines' rows, as get_object locked the object's."""
        obj = form.instance  # not yet changed by the form: clean() runs before that
        formsets, inlines = {}, {}
        for formset_class, inline in self.get_formsets_with_inlines(request, obj):
            name = type(inline).__name__
            rows = inline.get_queryset(request).select_for_update(of=("self",), no_key=True)
            formsets[name] = formset_class(instance=obj, queryset=rows, prefix=name)
            inlines[name] = (inline, formset_class.fk)
        return shown_state(type(form)(instance=obj), formsets), inlines

    def refuse_stale_save(self, request, form: forms.BaseForm) -> None:
        """Called by the form's clean(), in the save's transaction, with the row locked."""
        token = form.cleaned_data.get(VERSION_FIELD)
        if not token:
            return
        current, inlines = self.stored_state(request, form)
        try:
            shown = signing.loads(token, salt=SALT)
        except signing.BadSignature:
            shown = None
        if shown is None:
            form.add_error(
                None,
                "This form's record of the version you opened is damaged, so it cannot be "
                "checked against the saved one. Nothing was saved; your input is below. "
                "Save again to keep it.",
            )
        else:
            changed_fields = [
                name
                for name, value in current["fields"].items()
                if shown["fields"].get(name) != value
            ]
            changed_inlines = [
                name
                for name in sorted(current["inlines"].keys() | shown["inlines"].keys())
                if current["inlines"].get(name) != shown["inlines"].get(name)
            ]
            if not changed_fields and not changed_inlines:
                return
            since = datetime.fromisoformat(shown["at"])
            editors = self._editors_since(form.instance, since, changed_inlines, inlines)
            labels = [str(form.fields[name].label or pretty_name(name)) for name in changed_fields]
            labels += [
                str(capfirst(inlines[name][0].verbose_name_plural))
                for name in changed_inlines
                if name in inlines
            ]
            who = get_text_list(editors, "and") if editors else "Someone"
            form.add_error(
                None,
                f"{who} saved this {form.instance._meta.verbose_name} after you opened it, "
                f"changing: {', '.join(labels)}. Nothing was saved; your input is below. "
                "Compare it with the saved version (open this page in a new tab), then save "
                "again to keep what this form holds.",
            )
            for name in changed_fields:
                by = f"by {who} " if editors else "by someone else "
                form.add_error(name, f"Changed {by}since you opened this page.")
        # Saving again from this form is then a choice made knowing what changed.
        form.data = form.data.copy()
        form.data[form.add_prefix(VERSION_FIELD)] = _token(current)

    def _editors_since(
        self, obj, since: datetime, changed_inlines: list[str], inlines: dict
    ) -> list[str]:
        """Who saved the object, or rows of the changed inlines, after ``since``: the users of
        the revisions (django-reversion) holding a version of any of them."""
        saved = Q(pk__in=[])
        if reversion.is_registered(type(obj)):
            saved |= Q(version__in=Version.objects.get_for_object(obj))
        for name in changed_inlines:
            if name not in inlines or not reversion.is_registered(inlines[name][0].model):
                continue
            inline, fk = inlines[name]
            rows = inline.model._default_manager.filter(**{fk.name: obj})
            row_ids = [str(pk) for pk in rows.values_list("pk", flat=True)]
            row_versions = Version.objects.get_for_model(inline.model)
            saved |= Q(version__in=row_versions.filter(object_id__in=row_ids))
        revisions = Revision.objects.filter(saved, date_created__gt=since).exclude(user=None)
        users = get_user_model().objects.filter(pk__in=revisions.values("user_id"))
        return sorted(user.get_full_name() or user.get_username() for user in users)


def _token(state: dict) -> str:
    return signing.dumps({"at": timezone.now().isoformat(), **state}, salt=SALT, compress=True)
