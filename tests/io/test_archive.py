"""Zip archives made in memory: the same members give the same bytes, and they read back as given."""

from __future__ import annotations

import io
import zipfile

from socstrat.io.archive import ZIP_TIME, zip_bytes

MEMBERS = [("strategy.yaml", "заглавие: Стратегия\n".encode()), ("monitoring/2017.yaml", b"year: 2017\n" * 200)]


def test_members_read_back_in_order_with_a_fixed_time() -> None:
    with zipfile.ZipFile(io.BytesIO(zip_bytes(MEMBERS))) as archive:
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == MEMBERS
        assert {i.date_time for i in archive.infolist()} == {ZIP_TIME}
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
        assert archive.getinfo("monitoring/2017.yaml").compress_size < 200 * 11 // 10


def test_the_same_members_give_the_same_bytes() -> None:
    assert zip_bytes(MEMBERS) == zip_bytes(list(MEMBERS))
