from django.urls import path

from core.pagecache import cached_for_readers
from search import views

app_name = "search"

urlpatterns = [
    path("", cached_for_readers(views.search), name="search"),
    path("suggest/", cached_for_readers(views.search_suggest), name="suggest"),
]
