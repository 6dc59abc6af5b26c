"""The renderer's URL fetcher. Imports WeasyPrint, so only the renderer imports this module, and
only when it is first used (certificates/pdf/render.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class ResourceFetcher(URLFetcher):
    """Serves the certificate's own resources and nothing else: the font files and the images
    registered for this render. Anything else is refused, so a template can never make the
    worker fetch from the network or read other local files."""

    def __init__(self, fonts_dir: Path, image_scheme: str):
        super().__init__()
        self.images: dict[str, bytes] = {}
        self._files: dict[str, bytes] = {}
        self._fonts_prefix = fonts_dir.as_uri() + "/"
        self._image_scheme = image_scheme

    def fetch(self, url, headers=None):
        if url.startswith(self._image_scheme):
            data = self.images[url]
            kind = "image/svg+xml" if data.lstrip()[:1] == b"<" else "application/octet-stream"
            return URLFetcherResponse(url, data, {"Content-Type": kind})
        if url.startswith(self._fonts_prefix) and ".." not in url:
            if url not in self._files:
                self._files[url] = Path(url2pathname(urlsplit(url).path)).read_bytes()
            return URLFetcherResponse(url, self._files[url])
        raise ValueError(f"certificate resources are local only: {url[:80]}")
