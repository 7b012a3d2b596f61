"""A small file may hold a huge picture: a 6000×6000 RGBA PNG (the largest we take) is
~140 KB on disk and 144 MB of pixels. Processing it must not make further full-size
copies, or a handful of simultaneous uploads exhausts a web process's memory."""

import struct
import subprocess
import sys
import zlib

SIDE = 6000
DECODED_MB = SIDE * SIDE * 4 // 2**20  # 137 MiB of RGBA pixels
HEADROOM_MB = 2 * DECODED_MB + 60  # the decode itself and some slack, not five copies of it

_CHILD = """
import os, resource, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "procusmeet.test_settings")
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.storefront.photos import photo_process
data = open(sys.argv[1], "rb").read()
with open("/proc/self/status") as status:
    size_kb = next(int(line.split()[1]) for line in status if line.startswith("VmSize:"))
limit = size_kb * 1024 + int(sys.argv[2]) * 2**20
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
photo_process(SimpleUploadedFile("big.png", data, content_type="image/png"))
print("processed")
"""


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _large_transparent_png() -> bytes:
    """Built row by row, so the test itself never holds the pixels."""
    compressor, row, parts = zlib.compressobj(9), b"\0" + b"\0" * SIDE * 4, []
    for _ in range(SIDE):
        parts.append(compressor.compress(row))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", SIDE, SIDE, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", b"".join(parts)) + _chunk(b"IEND", b"")


def test_the_largest_allowed_picture_is_processed_within_bounded_memory(tmp_path):
    path = tmp_path / "big.png"
    path.write_bytes(_large_transparent_png())
    assert path.stat().st_size < 1024 * 1024
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(HEADROOM_MB)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and "processed" in result.stdout, result.stderr[-2000:]
