import datetime
import functools
from collections.abc import Callable

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import (
    AdminFileWidget,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
)
from django.core.exceptions import BadRequest, ValidationError
from django.db import DataError, connection
from django.db.models import Model, Q
from django.db.models.constants import LOOKUP_SEP
from django.dispatch import Signal
from django.forms.models import BaseInlineFormSet
from django.http import Http404
from django.urls import re_path, reverse
from django.utils.dateparse import parse_datetime
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext
from reversion.admin import VersionAdmin
from reversion.models import Version

from core.images import PictureField

# The admin asks for one page at a time; more matches than this are not worth ranking.
MAX_ADMIN_MATCHES = 1000

# Sent with ``group`` and ``term``; a receiver returns the ids of matching rows, best first
# (the search app answers it: the model apps sit below search and cannot import it).
site_search = Signal()


class SiteSearchAdminMixin:
    """Makes a ModelAdmin's search box, and the autocomplete widgets that point at it, use the
    site search as well as its ``search_fields``: accents, one-letter typos, original titles,
    characters and "ballerina 2025" all find the film. For FilmAdmin and PersonAdmin::

        class FilmAdmin(SiteSearchAdminMixin, HistoryAdmin):
            search_group = "films"
    """

    search_group: str = ""

    def get_search_results(self, request, queryset, search_term):
        matched, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if not search_term.strip():
            return matched, may_have_duplicates
        ids = [
            pk
            for _, found in site_search.send(
                sender=type(self), group=self.search_group, term=search_term
            )
            for pk in found[:MAX_ADMIN_MATCHES]
        ]
        either = Q(pk__in=ids) | Q(pk__in=matched.order_by().values("pk"))
        return queryset.filter(either), may_have_duplicates


# Lookups no click in the admin makes, whose patterns each database reads its own way: a bad
# one is a database error there (and, on SQLite, one that looks like an outage).
PATTERN_LOOKUPS = {"regex", "iregex"}


class CheckedChangeList(ChangeList):
    """A change list whose query string holds a value the database cannot take (year
    99999999999, a number beyond 64 bits, a moment past 9999) raises IncorrectLookupParameters,
    which the admin answers with its usual redirect to ``?e=1``, instead of a 500. A date-time
    with any offset is taken, in UTC: PostgreSQL refuses offsets beyond ±15:59."""

    def get_filters_params(self, params=None):
        lookup_params = super().get_filters_params(params)
        return {key: [in_utc(value) for value in values] for key, values in lookup_params.items()}

    def get_filters(self, request):
        for key in self.get_filters_params():
            if key.rsplit(LOOKUP_SEP, 1)[-1] in PATTERN_LOOKUPS:
                raise IncorrectLookupParameters(f"{key}: pattern lookups are not offered")
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:  # the date hierarchy's year, month, day
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        # Python's errors come before the query is sent. A DataError is the last resort for a
        # value nothing above foresaw: the admin runs in autocommit, so the connection is fine.
        try:
            super().get_results(request)
        except (DataError, OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error


class CheckedAutocompleteMixin:
    """An autocomplete widget redisplaying a value that cannot be an id (a mistyped or forged
    POST) shows nothing for it, where Django's would fail on the lookup; the form's own check
    reports the value. Given ``labels`` (by LabelledChoicesFormSet: a function that returns
    them), it shows the chosen value's label from there instead of a query of its own."""

    labels: Callable[[], dict[str, str]] | None = None

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field  # Django's optgroups looks values up in its target
        opts = remote.model._meta
        field_name = getattr(remote, "field_name", None)  # a foreign key's; many-to-many: pk
        target = opts.get_field(field_name) if field_name else opts.pk
        value = [item for item in value if is_id(target, item)]
        if self.labels is None:
            return super().optgroups(name, value, attr)
        labels = self.labels()
        chosen = [str(item) for item in value if str(item) in labels]
        options = [self.create_option(name, item, labels[item], True, 0) for item in chosen]
        if not self.is_required and not self.allow_multiple_selected:
            options.insert(0, self.create_option(name, "", "", False, 0))
        return [(None, options, 0)]


class KnownChoiceField(forms.ModelChoiceField):
    """A choice of a row, taken from ``known`` (the rows its formset read for every form at
    once, see LabelledChoicesFormSet) when it is there, else looked up as Django does."""

    known: dict[str, Model] = {}  # replaced, never changed

    def to_python(self, value):
        if isinstance(value, str | int) and (row := self.known.get(str(value))) is not None:
            return row
        return super().to_python(value)


class InlineRowForm(forms.ModelForm):
    """An inline's row. One sent back as it was shown is not validated against the database
    again (its choices exist, its constraints hold: they are a saved row's), which cost a
    query per choice and per check constraint, for every row of the page."""

    def _get_validation_exclusions(self):
        exclude = super()._get_validation_exclusions()
        if self.instance.pk is not None and not self.has_changed():
            exclude.update(field.name for field in self.instance._meta.fields)
        return exclude


class LabelledChoicesFormSet(BaseInlineFormSet):
    """An inline formset whose autocomplete widgets get the labels of every row's choice from
    one query per field, not one per row, made when the first of them is drawn (a form that
    saves and redirects draws none). Sent back, the rows' ids and choices are read the same
    way (KnownChoiceField). Every row shares the parent object too."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        pk_name = self._pk_field.name
        if type(id_field := form.fields.get(pk_name)) is forms.ModelChoiceField:
            form.fields[pk_name] = KnownChoiceField(
                id_field.queryset,
                initial=id_field.initial,
                required=False,
                widget=id_field.widget,
            )

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # The row's parent is the formset's instance: reading it (a row's __str__, shown above
        # the row) then costs no query per row.
        row = form.instance
        if row.pk is not None and getattr(row, self.fk.attname) == self.instance.pk:
            self.fk.set_cached_value(row, self.instance)
        return form

    @cached_property
    def forms(self):
        forms = super().forms
        if not forms:
            return forms
        for name, field in self.form.base_fields.items():
            if isinstance(autocomplete(field), CheckedAutocompleteMixin):
                values = {str(form[name].value()) for form in forms}
                labels = functools.cache(functools.partial(self.labels_of, field, values))
                for form in forms:
                    autocomplete(form.fields[name]).labels = labels
        if self.is_bound:
            own_rows = {str(row.pk): row for row in self.get_queryset()}  # read already
            for name, field in forms[0].fields.items():
                if not isinstance(field, KnownChoiceField):
                    continue
                if name == self._pk_field.name:
                    known = own_rows
                else:
                    known = self.rows_of(field, {str(form[name].data) for form in forms})
                for form in forms:
                    form.fields[name].known = known
        return forms

    @staticmethod
    def rows_of(field, values: set[str]) -> dict[str, Model]:
        """The rows ``values`` name, by value, in one query."""
        opts = field.queryset.model._meta
        key = field.to_field_name or opts.pk.name
        ids = {value for value in values if is_id(opts.get_field(key), value)}
        found = field.queryset.filter(**{f"{key}__in": ids}) if ids else []
        return {str(getattr(row, key)): row for row in found}

    @staticmethod
    def labels_of(field, values: set[str]) -> dict[str, str]:
        opts = field.queryset.model._meta
        key = field.to_field_name or opts.pk.name
        ids = {value for value in values if is_id(opts.get_field(key), value)}
        found = field.queryset.filter(**{f"{key}__in": ids}) if ids else []
        return {str(getattr(obj, key)): field.label_from_instance(obj) for obj in found}


def autocomplete(field):
    """The widget under the admin's wrapper (the add and change links beside it), if any."""
    return getattr(field.widget, "widget", field.widget)


class CheckedAutocompleteSelect(CheckedAutocompleteMixin, AutocompleteSelect):
    pass


class CheckedAutocompleteSelectMultiple(CheckedAutocompleteMixin, AutocompleteSelectMultiple):
    pass


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses a value that cannot be an id before looking the values up together (on SQLite,
    a number beyond 64 bits there is an OverflowError)."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            opts = self.queryset.model._meta
            key = opts.get_field(self.to_field_name) if self.to_field_name else opts.pk
            for item in value:
                if not is_id(key, item):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super().clean(value)


class CheckedInputAdminMixin:
    """Bad input to a ModelAdmin or inline is a 4xx, not a 500: impossible values in a change
    list's filters are an incorrect lookup (``?e=1``), an action's selection of things that are
    not ids is a 400, and a many-to-many choice or an autocomplete widget given one that is not
    an id is a form error. An inline's rows label their choices from one query per field."""

    formset = LabelledChoicesFormSet  # used by inlines only

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList

    def response_action(self, request, queryset):
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if not all(is_id(self.model._meta.pk, value) for value in selected):
            raise BadRequest("An action's selection holds something that is not an id.")
        return super().response_action(request, queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", KnownChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            using = kwargs.get("using")
            kwargs["widget"] = CheckedAutocompleteSelect(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class HistoryAdmin(CheckedInputAdminMixin, VersionAdmin):
    """django-reversion's admin: every save is a version (a film's with its credits and other
    rows), which its history lists and reverts, and "Recover deleted …" brings back. Its pages
    answer 404 to an object or version id that cannot be one (its own would redirect, or fail
    on the query with a 500)."""

    history_latest_first = True

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        checked = [
            re_path(
                r"^recover/([^/]+)/$",
                self.admin_site.admin_view(self.recover_view),
                name="{}_{}_recover".format(*info),
            ),
            re_path(
                r"^([^/]+)/history/([^/]+)/$",
                self.admin_site.admin_view(self.revision_view),
                name="{}_{}_revision".format(*info),
            ),
        ]
        names = {pattern.name for pattern in checked}
        return checked + [url for url in super().get_urls() if url.name not in names]

    # A read makes no revision: no transaction of reversion's around it (two queries more).
    def add_view(self, request, form_url="", extra_context=None):
        view = super() if request.method == "POST" else super(VersionAdmin, self)
        return view.add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        view = super() if request.method == "POST" else super(VersionAdmin, self)
        return view.change_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method == "POST":  # an action: a revision
            return super().changelist_view(request, extra_context)
        # VersionAdmin's, without its revision: the "Recover deleted …" link's context.
        context = {"has_change_permission": self.has_change_permission(request)}
        return super(VersionAdmin, self).changelist_view(request, context | (extra_context or {}))

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)  # its message is the comment
        if entry and not entry.get_change_message() and reversion.is_active():
            reversion.set_comment(gettext("No fields changed."))
        return entry

    def response_change(self, request, obj):
        # A revert or a recovery: Django's message would link the version's form it was posted
        # to, and say only "changed"; this one says what happened and links the object.
        url_name = request.resolver_match.url_name
        if not url_name.endswith(("_revision", "_recover")):
            return super().response_change(request, obj)
        change_url = reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
            args=[quote(obj.pk)],
        )
        if url_name.endswith("_revision"):
            message = gettext("The {name} “{obj}” was reverted to the version chosen.")
        else:
            message = gettext("The {name} “{obj}” was recovered.")
        link = format_html('<a href="{}">{}</a>', change_url, obj)
        message = format_html(message, name=self.opts.verbose_name, obj=link)
        self.message_user(request, message, messages.SUCCESS)
        return self.response_post_save_change(request, obj)

    def history_view(self, request, object_id, extra_context=None):
        require_id(self.opts.pk, unquote(object_id))
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        require_id(self.opts.pk, unquote(object_id))
        require_id(Version._meta.pk, version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        require_id(Version._meta.pk, version_id)
        return super().recover_view(request, version_id, extra_context)


def in_utc(value: str) -> str:
    """A date-time with an offset as the same moment in UTC; anything else as it is."""
    try:
        moment = parse_datetime(value)
    except ValueError:  # well formed, but no such day: the field's own check will say so
        return value
    if moment is None or moment.tzinfo is None:
        return value
    try:
        return moment.astimezone(datetime.UTC).isoformat()
    except OverflowError as error:
        raise IncorrectLookupParameters(f"{value}: out of range") from error


def is_id(field, value) -> bool:
    """Whether ``value`` can be looked up in ``field``: of its type, in the database's range
    for it, and without a NUL."""
    try:
        found = field.to_python(value)
    except ValidationError:
        return False
    if isinstance(found, int):
        low, high = connection.ops.integer_field_range(field.get_internal_type())
        return (low is None or low <= found) and (high is None or found <= high)
    return "\x00" not in str(found)


def require_id(primary_key, value: str) -> None:
    if not is_id(primary_key, value):
        raise Http404(f"“{value}” is not an id.")


class PictureAdminInput(AdminFileWidget):
    """The file input, with the current image shown above it."""

    template_name = "admin/widgets/picture_input.html"


class ImagesAdminMixin:
    """Image fields show what they hold (core/images.py cleans what is uploaded)."""

    formfield_overrides = {PictureField: {"widget": PictureAdminInput}}
