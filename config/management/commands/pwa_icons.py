"""Draw the app icons of the installable web app (static/img/icons/) from the favicon's shape.

    python manage.py pwa_icons

The PNGs are committed; run this again only when the brand changes. The shape is the one of
static/img/favicon.svg (a white "I" on Isoko green), drawn at 4x and scaled down for smooth
edges. The maskable icon fills its square and keeps the letter inside the central 80 % circle
that every launcher's mask leaves visible.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw

GREEN = (0x0B, 0x5D, 0x3B, 255)
WHITE = (255, 255, 255, 255)
# favicon.svg's path "M9 8h14v3H18v10h5v3H9v-3h5V11H9z" on its 32-unit grid.
LETTER = [(9, 8), (23, 8), (23, 11), (18, 11), (18, 21), (23, 21), (23, 24), (9, 24), (9, 21),
          (14, 21), (14, 11), (9, 11)]  # fmt: skip
SUPERSAMPLE = 4


def draw_icon(size: int, *, rounded: bool, letter_scale: float) -> Image.Image:
    """``letter_scale``: the letter's grid (32 units) as a share of the icon's side."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if rounded:
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=GREEN)
    else:
        draw.rectangle((0, 0, big - 1, big - 1), fill=GREEN)
    unit = big * letter_scale / 32
    offset = (big - 32 * unit) / 2
    draw.polygon([(offset + x * unit, offset + y * unit) for x, y in LETTER], fill=WHITE)
    return image.resize((size, size), Image.Resampling.LANCZOS)


ICONS = {
    # name: (size, rounded, letter scale)
    "icon-192.png": (192, True, 1.0),
    "icon-512.png": (512, True, 1.0),
    "maskable-512.png": (512, False, 0.75),
    # iOS rounds the corners itself and shows transparency as black: a full square.
    "apple-touch-icon.png": (180, False, 0.85),
}


class Command(BaseCommand):
    help = "Draw the installable app's PNG icons into static/img/icons/."

    def handle(self, *args, **options):
        folder = Path(settings.BASE_DIR) / "static" / "img" / "icons"
        folder.mkdir(parents=True, exist_ok=True)
        for name, (size, rounded, scale) in ICONS.items():
            image = draw_icon(size, rounded=rounded, letter_scale=scale)
            if not rounded:
                image = image.convert("RGB")
            image.save(folder / name, optimize=True)
            self.stdout.write(f"{folder / name}: {size}x{size}")
