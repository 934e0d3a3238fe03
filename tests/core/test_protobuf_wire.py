"""The minimal protobuf wire reader/writer behind the Google Authenticator importer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_app.core.importers import protobuf_wire as wire


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        (0, b"\x00"),
        (1, b"\x01"),
        (127, b"\x7f"),
        (128, b"\x80\x01"),
        (300, b"\xac\x02"),
        (-1, b"\xff" * 9 + b"\x01"),
    ],
)
def test_varints_match_the_protobuf_encoding(value: int, encoded: bytes) -> None:
    assert wire.encode_varint(value) == encoded
    decoded, end = wire.read_varint(encoded, 0)
    assert wire.as_signed(decoded) == value and end == len(encoded)


@given(st.integers(min_value=-(2**63), max_value=2**64 - 1))
def test_any_64_bit_number_round_trips(value: int) -> None:
    decoded, _ = wire.read_varint(wire.encode_varint(value), 0)
    assert decoded == (value if value >= 0 else value + 2**64)


def test_fields_of_every_wire_type_are_read() -> None:
    data = (
        wire.varint_field(1, 150)
        + wire.bytes_field(2, b"abc")
        + bytes([3 << 3 | wire.FIXED32])
        + (7).to_bytes(4, "little")
        + bytes([4 << 3 | wire.FIXED64])
        + (9).to_bytes(8, "little")
    )
    assert list(wire.iter_fields(data)) == [
        (1, wire.VARINT, 150),
        (2, wire.LENGTH_DELIMITED, b"abc"),
        (3, wire.FIXED32, 7),
        (4, wire.FIXED64, 9),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x08", "ends inside a number"),
        (b"\x08" + b"\xff" * 11, "longer than 10 bytes"),
        (b"\x08" + b"\xff" * 9 + b"\x7f", "larger than 64 bits"),
        (b"\x12\x05ab", "longer than the data left"),
        (b"\x1d\x01\x02", "ends inside a fixed-size field"),
        (b"\x0b", "unsupported wire type 3"),
        (b"\x00\x01", "field number 0"),
    ],
)
def test_malformed_messages_raise_wire_error(data: bytes, message: str) -> None:
    with pytest.raises(wire.WireError, match=message):
        list(wire.iter_fields(data))
