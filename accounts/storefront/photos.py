"""Profile photos: prove an upload is a real image, then make the one version we keep.

Only the header is read before the size checks, so a decompression bomb is refused
before any pixel is decoded. The stored file is re-encoded from pixels (so EXIF, GPS
and any other metadata are gone), centre-cropped square and resized to 512×512 WebP.
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
    image = ImageOps.exif_transpose(image)  # phone photos are stored sideways plus a rotation tag
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    else:
        image = image.convert("RGB")
    return ImageOps.fit(image, (OUTPUT_SIDE, OUTPUT_SIDE), method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))
