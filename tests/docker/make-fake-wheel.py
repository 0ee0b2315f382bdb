#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds OUTDIR/tpu_mlir-1.28.1-py3-none-any.whl from the test doubles in tests/fakes.

The wheel installs like the real tpu_mlir: the package (here `faketpu`) plus the tools as
scripts, both `model_transform.py` and the bare `model_transform`. It declares the `onnx` extra
with no requirements, so the Dockerfile's `pip3 install "WHEEL[onnx]"` needs no package index.
The zip is byte-for-byte reproducible (fixed order, times and modes), so a docker build cache
that saw it once reuses the install layer. Stdlib only.
Usage: make-fake-wheel.py OUTDIR
"""
import base64
import hashlib
import os
import sys
import zipfile

NAME = "tpu_mlir"
VERSION = "1.28.1"
TOOLS = ("model_transform", "run_calibration", "model_deploy", "npz_tool", "model_tool", "model_runner")
FAKES = os.path.join(os.path.dirname(os.path.dirname(os.path.realpath(__file__))), "fakes")
# Zip entries carry local time fields; one fixed value makes the archive reproducible.
STAMP = (2026, 1, 1, 0, 0, 0)


def record_hash(data):
    """sha256=<urlsafe base64 without padding>, as PEP 376/427 RECORD lines want."""
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def script_text(path):
    """The fake's source with the '#!python' first line that pip rewrites to the target python."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b"#!"):
        data = data.split(b"\n", 1)[1]
    return b"#!python\n" + data


def entries():
    """(archive name, bytes, executable) in a fixed order."""
    files = []
    pkg = os.path.join(FAKES, "faketpu")
    for name in sorted(os.listdir(pkg)):
        if name.endswith(".py"):
            with open(os.path.join(pkg, name), "rb") as f:
                files.append(("faketpu/" + name, f.read(), False))
    data_dir = "%s-%s.data/scripts/" % (NAME, VERSION)
    for tool in TOOLS:
        # The bare names are symlinks in tests/fakes; a wheel holds regular files only.
        text = script_text(os.path.join(FAKES, tool + ".py"))
        files.append((data_dir + tool, text, True))
        files.append((data_dir + tool + ".py", text, True))
    info = "%s-%s.dist-info/" % (NAME, VERSION)
    metadata = (
        "Metadata-Version: 2.1\n"
        "Name: %s\n"
        "Version: %s\n"
        "Summary: Test double of tpu-mlir for the MaixCAM Model Workbench test suite (not the real toolchain)\n"
        "License: GPL-3.0-or-later\n"
        "Requires-Python: >=3.7\n"
        "Provides-Extra: onnx\n" % (NAME, VERSION)
    )
    wheel = (
        "Wheel-Version: 1.0\n"
        "Generator: mcw-make-fake-wheel\n"
        "Root-Is-Purelib: true\n"
        "Tag: py3-none-any\n"
    )
    files.append((info + "METADATA", metadata.encode(), False))
    files.append((info + "WHEEL", wheel.encode(), False))
    files.append((info + "top_level.txt", b"faketpu\n", False))
    record = "".join("%s,%s,%d\n" % (n, record_hash(d), len(d)) for n, d, _ in files)
    record += info + "RECORD,,\n"
    files.append((info + "RECORD", record.encode(), False))
    return files


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: make-fake-wheel.py OUTDIR\n")
        return 2
    out_dir = argv[1]
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, "%s-%s-py3-none-any.whl" % (NAME, VERSION))
    partial = target + ".partial"
    with zipfile.ZipFile(partial, "w") as zf:
        for name, data, executable in entries():
            zi = zipfile.ZipInfo(name, date_time=STAMP)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 3  # unix, so the mode bits below count
            zi.external_attr = ((0o100755 if executable else 0o100644) << 16)
            zf.writestr(zi, data)
    os.replace(partial, target)
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
