from django.http import JsonResponse
from django.shortcuts import render

from search.service import GROUPS, suggest
from search.service import search as run_search

# Every group on one page shows a few of each; one group (?type=films) pages through them all.
SEARCH_OVERVIEW_SIZE = 10
SEARCH_PAGE_SIZE = 20
LAST_SEARCH_PAGE = 10_000


def search(request):
    group = request.GET.get("type")
    if group not in GROUPS:
        group = None
    results = run_search(
        request.GET.get("q", ""),
        group=group,
        page=_page_number(request.GET.get("page")),
        limit=SEARCH_PAGE_SIZE if group else SEARCH_OVERVIEW_SIZE,
    )
    return render(
        request,
        "search/search.html",
        {"results": results, "query": results.query, "group": group},
    )


def search_suggest(request):
    """Suggestions for the header search box (static/js/autocomplete.js), as JSON."""
    suggestions = suggest(request.GET.get("q", ""))
    return JsonResponse(
        {"suggestions": [suggestion.as_dict() for suggestion in suggestions]},
        headers={"Cache-Control": "max-age=60"},
    )


def _page_number(raw: str | None) -> int:
    """A page number from the query string; nonsense is page 1, as on the list pages."""
    try:
        return min(max(int(raw or 1), 1), LAST_SEARCH_PAGE)
    except ValueError:
        return 1
