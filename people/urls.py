from django.urls import path

from core.pagecache import cached_for_readers
from people import views

app_name = "people"

urlpatterns = [
    path("", views.ListView.as_view(), name="list"),
    path("<slug:slug>/", cached_for_readers(views.DetailView.as_view()), name="detail"),
]
