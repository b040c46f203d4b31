from django.urls import path

from core import views
from core.pagecache import cached_for_readers

app_name = "core"

urlpatterns = [
    path("", cached_for_readers(views.HomeView.as_view()), name="home"),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.search_suggest, name="search-suggest"),
]
