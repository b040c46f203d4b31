from django.urls import path

from core import views
from core.pagecache import cached_for_readers

app_name = "core"

urlpatterns = [
    path("", cached_for_readers(views.HomeView.as_view()), name="home"),
    path("search/", cached_for_readers(views.search, listing=True), name="search"),
    path(
        "search/suggest/",
        cached_for_readers(views.search_suggest, listing=True),
        name="search-suggest",
    ),
]
