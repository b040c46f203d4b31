from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views import generic

from core.search import search as run_search
from films.models import Film
from reviews.models import Review


class HomeView(generic.TemplateView):
    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_reviews"] = Review.objects.published().for_listing()[:6]
        context["recent_films"] = Film.objects.only("title", "year", "slug", "logline").order_by(
            "-created_at", "-id"
        )[:8]
        return context


def search(request):
    results = run_search(request.GET.get("q", ""))
    return render(request, "core/search.html", {"results": results, "query": results.query})


def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", f"Sitemap: {sitemap_url}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
