"""Image files made in memory for the tests: real JPEGs and PNGs, with or without EXIF."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

ORIENTATION, MAKE, GPS_INFO = 0x0112, 0x010F, 0x8825


def image_bytes(width=600, height=900, format="JPEG", colour="#7f1d1d", orientation=None) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    image.paste("#fdf6e3", (0, 0, width // 2, height // 4))  # a mark, to see which way is up
    exif = Image.Exif()
    if orientation:
        exif[ORIENTATION] = orientation
        exif[MAKE] = "Canon"
        exif[GPS_INFO] = {2: (48.0, 51.0, 24.0)}  # where it was taken: must not go public
    out = io.BytesIO()
    image.save(out, format=format, **({"exif": exif} if orientation else {}))
    return out.getvalue()


def upload(name="poster.jpg", data=None, **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else image_bytes(**kwargs))
