from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
from django.urls import include, path

from core.sitemaps import SITEMAPS
from core.views import bench_floor, healthz, robots_txt
from reviews.feeds import LatestReviewsFeed

urlpatterns = [
    path("", include("core.urls")),
    path("films/", include("films.urls")),
    path("people/", include("people.urls")),
    path("reviews/", include("reviews.urls")),
    path("api/", include("api.urls")),  # /api/v1/, /api/schema/, /api/docs/
    path("feeds/reviews/", LatestReviewsFeed(), name="review-feed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]

if settings.BENCHMARK_CEILING:
    # The bare view benchmarks compare every page with, and the least page of the site's
    # (bench/site.py); never in production.
    urlpatterns.append(path("bench/ceiling/", lambda request: HttpResponse("ok")))
    urlpatterns.append(path("bench/floor/", bench_floor))

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
