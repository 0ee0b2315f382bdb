#!/usr/bin/env python3
# Writes zip files that a bundle importer must refuse (or accept), using only the stdlib zipfile
# module, so the C++ reader is tested against archives it did not write itself.
import stat
import sys
import zipfile

kind, path = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(path, "w") as z:
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
    elif kind == "symlink":
        info = zipfile.ZipInfo("link.cvimodel")
        info.create_system = 3  # unix
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(info, "/etc/passwd")
    elif kind == "duplicate":
        z.writestr("a.mud", "1")
        z.writestr("./a.mud", "2")
    else:
        sys.exit("unknown kind " + kind)
