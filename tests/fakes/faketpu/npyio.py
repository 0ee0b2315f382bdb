# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Minimal reader/writer of numpy .npy/.npz files (stdlib only, little-endian float32/int8)."""

import ast
import struct
import zipfile

_MAGIC = b"\x93NUMPY"
_DESCR = {"f": "<f4", "b": "|i1", "B": "|u1", "i": "<i4"}
_FORMAT = {"<f4": ("f", 4), "|i1": ("b", 1), "|u1": ("B", 1), "<i4": ("i", 4), "<u2": ("H", 2)}


class Array:
    """A flat array with a shape and a struct type code ('f', 'b', 'B', 'i')."""

    def __init__(self, shape, values, code="f", raw=None):
        self.shape = tuple(shape)
        self.code = code
        self._values = values
        self._raw = raw

    @property
    def size(self):
        n = 1
        for d in self.shape:
            n *= d
        return n

    @property
    def values(self):
        if self._values is None:
            self._values = list(struct.unpack("<%d%s" % (self.size, self.code), self._raw))
        return self._values

    def raw(self):
        if self._raw is None:
            self._raw = struct.pack("<%d%s" % (self.size, self.code), *self._values)
        return self._raw

    @property
    def dtype(self):
        return {"f": "float32", "b": "int8", "B": "uint8", "i": "int32", "H": "uint16"}[self.code]


def npy_bytes(arr):
    shape = arr.shape
    shape_repr = "(%s,)" % shape[0] if len(shape) == 1 else "(%s)" % ", ".join(str(d) for d in shape)
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (_DESCR[arr.code], shape_repr)
    # numpy pads the header with spaces so that magic + header is a multiple of 64 bytes.
    total = len(_MAGIC) + 2 + 2 + len(header) + 1
    header += " " * ((64 - total % 64) % 64) + "\n"
    return _MAGIC + b"\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + arr.raw()


def parse_npy(data):
    if data[:6] != _MAGIC:
        raise ValueError("not a npy file")
    major = data[6]
    if major == 1:
        (hlen,) = struct.unpack("<H", data[8:10])
        start = 10
    else:
        (hlen,) = struct.unpack("<I", data[8:12])
        start = 12
    header = ast.literal_eval(data[start:start + hlen].decode("latin1"))
    descr = header["descr"]
    if descr not in _FORMAT:
        raise ValueError("unsupported dtype " + descr)
    code, _ = _FORMAT[descr]
    return Array(header["shape"], None, code, data[start + hlen:])


def save_npz(path, arrays):
    """arrays: list of (name, Array) in order; written like numpy.savez (stored, name.npy)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for name, arr in arrays:
            z.writestr(name + ".npy", npy_bytes(arr))


def load_npz(path):
    """Returns an ordered list of (name, Array)."""
    out = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            name = info.filename
            if name.endswith(".npy"):
                name = name[:-4]
            out.append((name, parse_npy(z.read(info.filename))))
    return out
