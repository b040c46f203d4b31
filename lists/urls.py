from django.urls import path

from core.pagecache import cached_for_readers
from lists import views

app_name = "lists"

urlpatterns = [
    path("", cached_for_readers(views.ListView.as_view()), name="list"),
    path("<slug:slug>/", cached_for_readers(views.DetailView.as_view()), name="detail"),
]
