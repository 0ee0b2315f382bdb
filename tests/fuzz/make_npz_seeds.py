#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the npz fuzzer's zip seeds into OUT_DIR (generated at build time, never committed):
stored.npz (two arrays, ZIP_STORED, as numpy.savez writes) and deflated.npz (one array,
ZIP_DEFLATED, as numpy.savez_compressed writes). Stdlib only. Usage: make_npz_seeds.py OUT_DIR"""
import os
import struct
import sys
import zipfile


def npy(descr, shape, payload):
    shape_repr = "(%d,)" % shape[0] if len(shape) == 1 else "(%s)" % ", ".join(str(d) for d in shape)
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, shape_repr)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + payload


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with zipfile.ZipFile(os.path.join(out_dir, "stored.npz"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.npy", npy("<f4", (4,), struct.pack("<4f", 0, 1, 2, 3)))
        z.writestr("b.npy", npy("|u1", (1, 2, 2), bytes([0, 0, 0, 0])))
    with zipfile.ZipFile(os.path.join(out_dir, "deflated.npz"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("x.npy", npy("<f4", (4, 4), struct.pack("<16f", *range(16))))


if __name__ == "__main__":
    main(sys.argv[1])
