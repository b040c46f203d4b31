"""For list pages with a filter form (django-filter's FilterView)."""


class FilterPanelMixin:
    """Counts the filters the query string sets (sort and page aside), so the page can say so
    on its "Filters" button and show the form open on a phone."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = context["filter"]
        context["filters_applied"] = sum(
            1 for name in filterset.form.fields if name != "sort" and filterset.data.get(name)
        )
        return context
