from django.urls import path

from films import views

app_name = "films"

urlpatterns = [
    path("", views.ListView.as_view(), name="list"),
    path("<slug:slug>/", views.DetailView.as_view(), name="detail"),
]
