from django.urls import path

from people import views

app_name = "people"

urlpatterns = [
    path("", views.ListView.as_view(), name="list"),
    path("<slug:slug>/", views.DetailView.as_view(), name="detail"),
]
