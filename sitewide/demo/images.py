"""Pictures for the demo, drawn here so that nothing is downloaded: skylines for backdrops and
stills, silhouettes for headshots. Each is the same every time for the same seed, and goes
through the upload path (cleaned, renditions made) as an editor's file would."""

import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter

from core.images import PictureFormField

# (sky top, sky bottom, sun, far hills, near hills), by the time of day they show.
SKIES = {
    "dusk": ("#1b1f3b", "#e76f51", "#ffd166", "#3d2c4a", "#1a1423"),
    "night": ("#03071e", "#1d3557", "#f1faee", "#14213d", "#000814"),
    "dawn": ("#ffb4a2", "#ffe5d9", "#fff3b0", "#6d597a", "#355070"),
    "noon": ("#8ecae6", "#edf6f9", "#ffffff", "#6b9080", "#2d6a4f"),
}


def time_of_day(seed: str) -> str:
    """What a skyline drawn from ``seed`` shows, for its caption: "dusk", "night"…"""
    return random.Random(seed).choice(list(SKIES))


def backdrop(seed: str, width: int = 1280, height: int = 720) -> SimpleUploadedFile:
    return _upload(f"{seed}-backdrop.jpg", _skyline(seed, width, height))


def still(seed: str, width: int = 960, height: int = 540) -> SimpleUploadedFile:
    return _upload(f"{seed}-still.jpg", _skyline(seed, width, height))


def headshot(seed: str, width: int = 480, height: int = 600) -> SimpleUploadedFile:
    rng = random.Random(seed)
    top, bottom, light, *_ = SKIES[time_of_day(seed)]
    image = _gradient(width, height, top, bottom)
    draw = ImageDraw.Draw(image)
    centre = width // 2 + rng.randint(-width // 16, width // 16)
    head = (int(width * 0.19), int(height * 0.17))
    middle = int(height * 0.31)
    draw.ellipse(
        [centre - head[0], middle - head[1], centre + head[0], middle + head[1]], fill="#1b1b1e"
    )
    draw.rounded_rectangle(
        [centre - width * 0.42, height * 0.56, centre + width * 0.42, height * 1.2],
        radius=int(width * 0.2),
        fill="#1b1b1e",
    )
    neck = width * 0.07
    draw.rectangle(
        [centre - neck, middle + head[1] * 0.8, centre + neck, height * 0.6], fill="#1b1b1e"
    )
    glow = Image.new("RGB", image.size, light)
    mask = Image.new("L", image.size, 0)
    ImageDraw.Draw(mask).ellipse([width * 0.6, -height * 0.2, width * 1.4, height * 0.5], fill=90)
    image = Image.composite(glow, image, mask.filter(ImageFilter.GaussianBlur(60)))
    return _upload(f"{seed}-headshot.jpg", image)


def _skyline(seed: str, width: int, height: int) -> Image.Image:
    rng = random.Random(seed)
    top, bottom, sun, far, near = SKIES[time_of_day(seed)]
    image = _gradient(width, height, top, bottom)
    draw = ImageDraw.Draw(image)
    x, y, r = rng.uniform(0.2, 0.8) * width, rng.uniform(0.35, 0.55) * height, height * 0.09
    halo = Image.new("L", image.size, 0)
    ImageDraw.Draw(halo).ellipse([x - 3 * r, y - 3 * r, x + 3 * r, y + 3 * r], fill=120)
    image = Image.composite(
        Image.new("RGB", image.size, sun), image, halo.filter(ImageFilter.GaussianBlur(r))
    )
    draw = ImageDraw.Draw(image)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=sun)
    for colour, base, spread in ((far, 0.62, 0.12), (near, 0.78, 0.18)):
        left, points = 0, [(0, height)]
        while left < width:
            wide = rng.uniform(0.03, 0.09) * width
            top_y = height * (base - rng.uniform(0, spread))
            points += [(left, top_y), (left + wide, top_y)]
            left += wide
        points += [(width, height)]
        draw.polygon(points, fill=colour)
    for _ in range(rng.randint(20, 60)):  # lit windows
        wx, wy = rng.uniform(0, width), rng.uniform(0.72, 0.95) * height
        draw.rectangle([wx, wy, wx + 6, wy + 9], fill=sun)
    return image


def _gradient(width: int, height: int, top: str, bottom: str) -> Image.Image:
    column = Image.linear_gradient("L").resize((1, height))
    return Image.composite(
        Image.new("RGB", (width, height), bottom),
        Image.new("RGB", (width, height), top),
        column.resize((width, height)),
    )


def _upload(name: str, image: Image.Image) -> SimpleUploadedFile:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)
    return PictureFormField().clean(SimpleUploadedFile(name, out.getvalue()))
