from django.http import JsonResponse
from django.shortcuts import render

from search.models import DocumentKind
from search.service import GROUPS, SUGGESTIONS, Suggestion, suggest
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
    """Suggestions for a box that offers them (static/js/autocomplete.js), as JSON: films and
    people, or people alone with ?type=people (the film list's director field)."""
    query = request.GET.get("q", "")
    suggestions = (
        _people_suggestions(query) if request.GET.get("type") == "people" else suggest(query)
    )
    return JsonResponse(
        {"suggestions": [suggestion.as_dict() for suggestion in suggestions]},
        headers={"Cache-Control": "max-age=60"},
    )


def _people_suggestions(query: str) -> list[Suggestion]:
    """The best people for ``query``: the people group of a search, as suggestions."""
    people = run_search(query, group="people", limit=SUGGESTIONS).people
    return [
        Suggestion(
            kind=DocumentKind.PERSON,
            label=person.name,
            year=None,
            url=person.get_absolute_url(),
            picture=person.photo_picture,
        )
        for person in people
    ]


def _page_number(raw: str | None) -> int:
    """A page number from the query string; nonsense is page 1, as on the list pages."""
    try:
        return min(max(int(raw or 1), 1), LAST_SEARCH_PAGE)
    except ValueError:
        return 1
