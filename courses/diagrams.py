"""Draw the demo curriculum's step diagrams as PNG images, so the demo needs no image files.

A diagram is a title over a row of numbered boxes joined by arrows: the shape of most processes a
lesson explains (register → verify → list → sell). Phones get it through WebP renditions.
"""

from __future__ import annotations

import textwrap
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 520
GREEN, SAND, INK, WHITE = "#0b5d3b", "#f6f1e7", "#1a1a1a", "#ffffff"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def draw_steps(title: str, steps: list[str]) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), SAND)
    draw = ImageDraw.Draw(image)
    draw.text((48, 40), title, font=_font(40, bold=True), fill=INK)
    count = len(steps)
    gap = 36
    box_width = (WIDTH - 96 - gap * (count - 1)) // count
    top, bottom = 150, 450
    label_font, number_font = _font(26), _font(30, bold=True)
    for index, step in enumerate(steps):
        left = 48 + index * (box_width + gap)
        draw.rounded_rectangle(
            (left, top, left + box_width, bottom), 18, fill=WHITE, outline=GREEN, width=4
        )
        draw.ellipse((left + 16, top + 16, left + 64, top + 64), fill=GREEN)
        draw.text((left + 40, top + 40), str(index + 1), font=number_font, fill=WHITE, anchor="mm")
        wrap_at = max(6, box_width // 17)
        lines = textwrap.wrap(step, wrap_at)[:5]
        for line_number, line in enumerate(lines):
            draw.text((left + 18, top + 90 + line_number * 34), line, font=label_font, fill=INK)
        if index < count - 1:
            middle = (top + bottom) // 2
            x = left + box_width + 4
            draw.polygon([(x, middle - 14), (x + gap - 8, middle), (x, middle + 14)], fill=GREEN)
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def draw_logo() -> bytes:
    """The demo certificate template's logo: a green roundel with the academy's initial."""
    size = 240
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=GREEN)
    draw.ellipse((22, 22, size - 22, size - 22), outline=SAND, width=6)
    draw.text((size // 2, size // 2), "I", font=_font(130, bold=True), fill=WHITE, anchor="mm")
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
