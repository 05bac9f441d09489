"""Zip archives made in memory: the site's downloads and the XLSX package.

Members get a fixed time, so the same content gives the same bytes, and deflate level 4:
over a national site (three archives and two workbooks per strategy) level 6, zlib's
default, cost about three times as much CPU for archives about an eighth smaller.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable

ZIP_TIME = (2000, 1, 1, 0, 0, 0)
ZIP_LEVEL = 4


def zip_bytes(files: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, bytes)`` members, in the order given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as archive:
        for name, data in files:
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL)
    return buffer.getvalue()
