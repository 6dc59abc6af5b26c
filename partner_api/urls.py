"""/api/v1/: the read API for partner systems (issue 17; docs/api.md)."""

urlpatterns: list = []
