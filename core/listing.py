"""For list pages with a filter form (django-filter's FilterView), and pages that show the
first rows of a list."""

from typing import NamedTuple


class FilterPanelMixin:
    """Counts the filters the query string sets (sort and page aside), so the page can say so
    on its "Filters" button and show the form open on a phone."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        context["filters_applied"] = sum(  # those the panel shows
            1
            for name, field in filterset.form.fields.items()
            if name != "sort" and not field.widget.is_hidden and filterset.data.get(name)
        )
        return context


class FirstRows(NamedTuple):
    """The first rows of a longer list, and whether there are more (a page links to them)."""

    rows: list
    more: bool


def first_rows(queryset, count: int) -> FirstRows:
    """The first ``count`` rows: one query, reading one row more to know if there are more."""
    rows = list(queryset[: count + 1])
    return FirstRows(rows[:count], len(rows) > count)
