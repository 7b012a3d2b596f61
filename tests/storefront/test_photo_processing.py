import io
import struct
import zlib

import pytest
from PIL import Image

from accounts.storefront.errors import PhotoInvalid
from accounts.storefront.photos import MAX_BYTES, photo_process
from tests.storefront.helpers import image_bytes, upload


def _open(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize(("fmt", "name"), [("JPEG", "a.jpg"), ("PNG", "a.png"), ("WEBP", "a.webp")])
def test_jpeg_png_and_webp_become_a_512_square_webp(fmt, name):
    result = _open(photo_process(upload(image_bytes(fmt, size=(900, 400)), name=name)))
    assert result.format == "WEBP"
    assert result.size == (512, 512)


def test_the_crop_keeps_the_centre_of_a_wide_photo():
    image = Image.new("RGB", (900, 300), (255, 0, 0))
    image.paste((0, 0, 255), (300, 0, 600, 300))  # a blue middle third between red sides
    data = io.BytesIO()
    image.save(data, "PNG")
    result = _open(photo_process(upload(data.getvalue(), name="wide.png"))).convert("RGB")
    red, _, blue = result.getpixel((256, 256))
    assert blue > 200 and red < 60
    left_red, _, _ = result.getpixel((5, 256))
    assert left_red < 60  # the red sides were cropped away


def test_metadata_is_stripped():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."  # Make
    exif[0x8825] = {1: "N"}  # a GPS block
    result = photo_process(upload(image_bytes("JPEG", exif=exif.tobytes())))
    assert b"SpyCam" not in result
    assert not _open(result).getexif()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a not really an image", "not an image we can read"),
        (b"%PDF-1.4 pretending", "not an image we can read"),
        (image_bytes("GIF", size=(300, 300)), "JPEG, PNG or WebP"),
        (image_bytes("JPEG", size=(199, 800)), "at least 200×200"),
        (image_bytes("PNG", size=(6001, 300)), "at most 6000×6000"),
    ],
)
def test_bad_files_are_refused_with_a_photo_field_error(data, message):
    with pytest.raises(PhotoInvalid) as caught:
        photo_process(upload(data))
    assert message in caught.value.fields["photo"][0]


def test_a_file_over_5_mb_is_refused_before_it_is_decoded():
    with pytest.raises(PhotoInvalid) as caught:
        photo_process(upload(b"\xff" * (MAX_BYTES + 1)))
    assert "larger than 5 MB" in caught.value.fields["photo"][0]


def _claiming_size(png: bytes, width: int, height: int) -> bytes:
    """The same PNG with an IHDR that claims other dimensions (and a valid CRC)."""
    ihdr_start = 8 + 4 + 4  # signature, chunk length, chunk type
    header = struct.pack(">II", width, height) + png[ihdr_start + 8 : ihdr_start + 13]
    crc = struct.pack(">I", zlib.crc32(b"IHDR" + header))
    return png[:ihdr_start] + header + crc + png[ihdr_start + 13 + 4 :]


def test_a_decompression_bomb_is_refused_from_its_header():
    # A few hundred bytes claiming 50000×50000 pixels: refused before any pixel is decoded.
    bomb = _claiming_size(image_bytes("PNG", size=(300, 300)), 50_000, 50_000)
    with pytest.raises(PhotoInvalid) as caught:
        photo_process(upload(bomb, name="bomb.png"))
    assert "photo" in caught.value.fields


def test_a_truncated_image_is_refused():
    data = image_bytes("JPEG", size=(800, 800))
    with pytest.raises(PhotoInvalid):
        photo_process(upload(data[: len(data) // 3]))


def test_a_camera_jpeg_with_extra_pictures_is_accepted_and_its_main_picture_kept():
    # Phones and cameras add a depth map or preview in an MPF block; Pillow calls such a
    # JPEG "MPO". It is still a JPEG photo, so it must not be refused as another format.
    main, extra = Image.new("RGB", (400, 400), (255, 0, 0)), Image.new("RGB", (400, 400), (0, 0, 255))
    data = io.BytesIO()
    main.save(data, "MPO", save_all=True, append_images=[extra])
    assert _open(data.getvalue()).format == "MPO"
    result = _open(photo_process(upload(data.getvalue(), name="camera.jpg"))).convert("RGB")
    assert result.size == (512, 512)
    red, _, blue = result.getpixel((256, 256))
    assert red > 200 and blue < 60


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_the_exif_rotation_of_a_sideways_photo_is_applied(fmt):
    # Stored sideways (red left half, blue right half) with "rotate 90° clockwise to show":
    # shown upright, red is on top and blue at the bottom.
    image = Image.new("RGB", (600, 300), (255, 0, 0))
    image.paste((0, 0, 255), (300, 0, 600, 300))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    data = io.BytesIO()
    image.save(data, fmt, exif=exif)
    result = _open(photo_process(upload(data.getvalue()))).convert("RGB")
    top, bottom = result.getpixel((256, 100)), result.getpixel((256, 412))
    assert top[0] > 200 and top[2] < 60
    assert bottom[2] > 200 and bottom[0] < 60
