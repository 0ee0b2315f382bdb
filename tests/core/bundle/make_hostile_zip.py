#!/usr/bin/env python3
# Writes zip files that a bundle importer must refuse (or accept), using only the stdlib zipfile
# module, so the C++ reader is tested against archives it did not write itself.
import os
import stat
import sys
import zipfile

MUD = """[basic]
type = cvimodel
model = m.cvimodel

[extra]
model_type = classifier
input_type = rgb
mean = 0, 0, 0
scale = 1, 1, 1
labels = a, b
"""


def write_streamed(z, name, mib, random_per_mib):
    """An entry of `mib` MiB, each MiB `random_per_mib` random bytes then zeros, written in
    chunks so that this script never holds the entry in memory either."""
    zeros = bytes((1 << 20) - random_per_mib)
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with z.open(info, "w", force_zip64=True) as f:
        for _ in range(mib):
            f.write(os.urandom(random_per_mib) + zeros)


def shrink_declared_size(path, name, size):
    """Makes the central directory understate an entry's inflated size (the bomb's lie)."""
    data = bytearray(open(path, "rb").read())
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        name_len = int.from_bytes(data[at + 28:at + 30], "little")
        if data[at + 46:at + 46 + name_len] == name.encode():
            data[at + 24:at + 28] = size.to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    open(path, "wb").write(bytes(data))


kind, path = sys.argv[1], sys.argv[2]
z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
with z:
    if kind == "good":
        z.writestr("yolov8n.mud", "[basic]\ntype = cvimodel\nmodel = yolov8n.cvimodel\n")
        z.writestr("yolov8n.cvimodel", b"\x00\x01cvimodel")
        z.writestr("sub/labels.txt", "person\ncar\n")
    elif kind == "traversal":
        z.writestr("ok.mud", "x")
        z.writestr("../evil.txt", "owned")
    elif kind == "absolute":
        info = zipfile.ZipInfo("/tmp/evil.txt")
        z.writestr(info, "owned")
    elif kind == "resource":  # Qt reads ":..." as a resource path, absolute
        z.writestr("ok.mud", "x")
        z.writestr(":evil/evil.txt", "owned")
    elif kind == "symlink":
        info = zipfile.ZipInfo("link.cvimodel")
        info.create_system = 3  # unix
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
    elif kind == "duplicate":
        z.writestr("a.mud", "1")
        z.writestr("./a.mud", "2")
    elif kind == "bomb":  # the issue's: ~1 MB of zip, a 1 GiB .cvimodel of zeros
        z.writestr("m.mud", MUD)
        write_streamed(z, "m.cvimodel", 1024, 0)
    elif kind == "ratio":  # 64 MiB from ~64 KB: over 100:1 but under the size limit
        z.writestr("m.mud", MUD)
        write_streamed(z, "m.cvimodel", 64, 0)
    elif kind == "large":  # 300 MiB at ~45:1, within every limit: must stream to disk
        z.writestr("m.mud", MUD)
        write_streamed(z, "m.cvimodel", 300, 20000)
    elif kind == "liar":  # declares 1 MiB, inflates to 8 MiB
        z.writestr("m.mud", MUD)
        write_streamed(z, "m.cvimodel", 8, 20000)
    elif kind == "nomodel":  # a valid MUD whose model is not in the archive
        z.writestr("m.mud", MUD)
    elif kind == "nomud":
        z.writestr("m.cvimodel", b"model")
    else:
        sys.exit("unknown kind " + kind)
if kind == "liar":
    shrink_declared_size(path, "m.cvimodel", 1 << 20)
