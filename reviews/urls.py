from django.urls import path

from reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.ListView.as_view(), name="list"),
    path("<slug:slug>/", views.DetailView.as_view(), name="detail"),
]
