import logging
import secrets

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import generic

from films.models import Film
from reviews.models import Review
from search.service import GROUPS, suggest
from search.service import search as run_search

logger = logging.getLogger(__name__)


class HomeView(generic.TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_reviews"] = Review.objects.published().for_listing()[:6]
        context["recent_films"] = Film.objects.only("title", "year", "slug", "logline").order_by(
            "-created_at", "-id"
        )[:8]
        return context


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
        "core/search.html",
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


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


def healthz(request):
    """200 when the database and the cache answer, 503 when either doesn't. No details leak."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
        headers={"Cache-Control": "no-store"},
    )


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        logger.exception("Health check: database unreachable")
        return False


def _cache_ok() -> bool:
    try:
        token = secrets.token_hex(8)
        cache.set("healthz", token, timeout=10)
        return cache.get("healthz") == token
    except Exception:  # noqa: BLE001 - any failure means "not reachable"
        logger.exception("Health check: cache unreachable")
        return False


def bench_floor(request):
    """For `make bench` only (BENCHMARK_CEILING): the least an uncached page of this site can
    do, one query and the layout, measured beside the bare view and the real pages."""
    film = Film.objects.only("title", "year", "slug").order_by("pk").first()
    return render(request, "core/bench_floor.html", {"film": film})
