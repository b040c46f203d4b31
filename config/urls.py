from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path

from core.health import healthz
from reviews.feeds import LatestReviewsFeed
from sitewide.bench import bench_floor, bench_replay
from sitewide.sitemaps import SITEMAPS
from sitewide.urls import author_urls, film_urls, people_urls
from sitewide.views import favicon, robots_txt

# Under /api/, the API's JSON error shape; elsewhere, the site's pages.
handler400 = "api.exceptions.bad_request"
handler500 = "api.exceptions.server_error"

urlpatterns = [
    path("", include("sitewide.urls")),
    path("films/", include(film_urls)),
    path("people/", include(people_urls)),
    path("reviews/", include("reviews.urls")),
    path("lists/", include("lists.urls")),
    path("authors/", include(author_urls)),
    path("search/", include("search.urls")),
    path("api/", include("api.urls")),  # /api/v1/, /api/schema/, /api/docs/
    path("feeds/reviews/", LatestReviewsFeed(), name="review-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_CEILING:
    # The bare view benchmarks compare every page with, and the least page of the site's
    # (bench/site.py); never in production.
    urlpatterns.append(path("bench/ceiling/", lambda request: HttpResponse("ok")))
    urlpatterns.append(path("bench/floor/", bench_floor))
    urlpatterns.append(path("bench/replay/", bench_replay))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
