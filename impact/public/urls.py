"""/impact/: the public open-data page (issue 17; docs/impact.md)."""

app_name = "impact"
urlpatterns: list = []
