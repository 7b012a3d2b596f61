"""Profile photos: prove an upload is a real image, then make the one version we keep.

Only the header is read before the size checks, so a decompression bomb is refused
before any pixel is decoded. The stored file is re-encoded from pixels (so EXIF, GPS
and any other metadata are gone), centre-cropped square and resized to 512×512 WebP.

A file within the limits can still decode to a lot of memory (a 100 KB PNG of
6000×6000 RGBA is 144 MB of pixels), so the work after decoding makes no further
full-size copy: JPEGs are decoded already scaled down, and the crop, a fast reduction
and the final resampling happen in one ``resize``; only the 512×512 result is
flattened and converted.
"""

import io

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from accounts.storefront.errors import PhotoInvalid

MAX_BYTES = 5 * 1024 * 1024
MIN_SIDE = 200
MAX_SIDE = 6000
OUTPUT_SIDE = 512
# Pillow names a JPEG that carries extra pictures (an MPF block: camera and phone photos
# with a depth map or preview) "MPO"; the first picture is the photo itself.
ALLOWED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP"})
OUTPUT_FORMAT = "WEBP"
OUTPUT_EXTENSION = "webp"
OUTPUT_CONTENT_TYPE = "image/webp"


def _refuse(message: str) -> PhotoInvalid:
    return PhotoInvalid(message, fields={"photo": [message]})


def photo_too_large() -> PhotoInvalid:
    return _refuse(_("The photo is larger than 5 MB. Please choose a smaller file."))


def photo_process(upload) -> bytes:
    """Validate an uploaded file and return the square WebP to store.

    Raises ``PhotoInvalid`` (a 400 with a ``photo`` field error) for anything that is
    not a JPEG, PNG or WebP image of sensible size.
    """
    if upload.size > MAX_BYTES:
        raise photo_too_large()
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            _check_header(image)
            image.draft("RGB", (OUTPUT_SIDE, OUTPUT_SIDE))  # JPEG: decode at 1/2…1/8 scale, still ≥ 512
            image.load()
            square = _square(image)
    except PhotoInvalid:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise _refuse(_("This file is not an image we can read. Use a JPEG, PNG or WebP photo.")) from None
    output = io.BytesIO()
    square.save(output, OUTPUT_FORMAT, quality=85, method=4)
    return output.getvalue()


def _check_header(image: Image.Image) -> None:
    if image.format not in ALLOWED_FORMATS:
        raise _refuse(_("Use a JPEG, PNG or WebP photo."))
    width, height = image.size
    if width < MIN_SIDE or height < MIN_SIDE:
        raise _refuse(_("The photo must be at least %(n)d×%(n)d pixels.") % {"n": MIN_SIDE})
    if width > MAX_SIDE or height > MAX_SIDE:
        raise _refuse(_("The photo must be at most %(n)d×%(n)d pixels.") % {"n": MAX_SIDE})


def _square(image: Image.Image) -> Image.Image:
    ImageOps.exif_transpose(image, in_place=True)  # phones store photos sideways plus a rotation tag
    if image.mode not in _RESAMPLED_MODES:  # palette, 16-bit, CMYK…: resample in a plain mode
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    width, height = image.size
    side = min(width, height)
    left, top = (width - side) / 2, (height - side) / 2
    square = image.resize(
        (OUTPUT_SIDE, OUTPUT_SIDE),
        Image.Resampling.LANCZOS,
        box=(left, top, left + side, top + side),
        reducing_gap=3.0,  # a fast box reduction first; LANCZOS only over the last factor of 3
    )
    if square.mode in ("RGBA", "LA"):
        background = Image.new("RGB", square.size, (255, 255, 255))
        background.paste(square.convert("RGBA"), mask=square.getchannel("A"))
        return background
    return square.convert("RGB")


_RESAMPLED_MODES = frozenset({"RGB", "RGBA", "L", "LA"})


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("PA", "La", "RGBa") or "transparency" in image.info
