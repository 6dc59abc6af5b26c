"""Public media addresses answer 404 for any name, never 500."""

from pathlib import Path

import pytest
from django.conf import settings


@pytest.mark.django_db
def test_a_media_name_too_long_for_the_file_system_is_a_404(client):
    # The folder must exist: with it missing the kernel says "no such file" before it looks at
    # the name's length, which is how this hid from runs on a fresh tree.
    (Path(settings.MEDIA_ROOT) / "images").mkdir(parents=True, exist_ok=True)
    response = client.get("/media/images/" + "x" * 400)
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_missing_media_file_is_a_404(client):
    assert client.get("/media/images/nothing-here.png").status_code == 404
