"""Form widgets drawn in Python where Django's templates cost too much."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import escape
from django.utils.safestring import mark_safe


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
