"""Just enough of the protobuf wire format to read and write small known messages.

A hand-written reader instead of the protobuf package: the one message we read
(Google Authenticator's export) has eight scalar fields, and a full runtime would be a large
dependency for that. Every malformed input raises WireError; nothing else escapes.
"""

from __future__ import annotations

from collections.abc import Iterator

VARINT = 0
FIXED64 = 1
LENGTH_DELIMITED = 2
FIXED32 = 5
_MAX_VARINT_BYTES = 10
_UINT64_LIMIT = 1 << 64


class WireError(ValueError):
    """Bytes that are not a well-formed protobuf message."""


def read_varint(data: bytes, pos: int) -> tuple[int, int]:
    """The unsigned varint at `pos` and the position after it."""
    value = 0
    for shift_index in range(_MAX_VARINT_BYTES):
        if pos >= len(data):
            raise WireError("the data ends inside a number")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << (7 * shift_index)
        if not byte & 0x80:
            if value >= _UINT64_LIMIT:
                raise WireError("a number is larger than 64 bits")
            return value, pos
    raise WireError("a number is longer than 10 bytes")


def iter_fields(data: bytes) -> Iterator[tuple[int, int, int | bytes]]:
    """(field number, wire type, value) for each field: ints for numbers, bytes otherwise."""
    pos = 0
    while pos < len(data):
        key, pos = read_varint(data, pos)
        number, wire_type = key >> 3, key & 7
        if number == 0:
            raise WireError("field number 0 is not allowed")
        value: int | bytes
        if wire_type == VARINT:
            value, pos = read_varint(data, pos)
        elif wire_type in (FIXED64, FIXED32):
            width = 8 if wire_type == FIXED64 else 4
            if pos + width > len(data):
                raise WireError("the data ends inside a fixed-size field")
            value = int.from_bytes(data[pos : pos + width], "little")
            pos += width
        elif wire_type == LENGTH_DELIMITED:
            length, pos = read_varint(data, pos)
            if length > len(data) - pos:
                raise WireError("a field is longer than the data left")
            value = data[pos : pos + length]
            pos += length
        else:
            raise WireError(f"unsupported wire type {wire_type}")
        yield number, wire_type, value


def as_signed(value: int) -> int:
    """A varint read as int32/int64: negative numbers travel as 64-bit two's complement."""
    return value - _UINT64_LIMIT if value >= 1 << 63 else value


def encode_varint(value: int) -> bytes:
    if value < 0:
        value += _UINT64_LIMIT
    if not 0 <= value < _UINT64_LIMIT:
        raise WireError("a number does not fit in 64 bits")
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def varint_field(number: int, value: int) -> bytes:
    return encode_varint(number << 3 | VARINT) + encode_varint(value)


def bytes_field(number: int, value: bytes) -> bytes:
    return encode_varint(number << 3 | LENGTH_DELIMITED) + encode_varint(len(value)) + value
