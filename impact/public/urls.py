"""/impact/: the public open-data page (issue 17; docs/impact-public.md)."""

from django.urls import path

from impact.public import views

app_name = "impact"
urlpatterns = [
    path("", views.index, name="index"),
    path("data.json", views.data_json, name="data_json"),
    # Table keys are the snapshot's (impact/snapshot.py): by_district.csv, funnel.csv, …
    path("<slug:key>.csv", views.table_csv, name="table_csv"),
]
