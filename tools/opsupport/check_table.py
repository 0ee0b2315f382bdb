#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Cross-checks resources/opsupport/cv18xx-ops.json against the operator reference markdown.

Usage: check_table.py [--reference tpu-mlir-ops.md] [--table cv18xx-ops.json]

Checks: every op row of the reference table is in the JSON as accepted (and nothing else is);
each op's base INT8/BF16 verdict agrees with the first word of the reference cell; every op of
the "NOT accept" list is in the JSON as rejected; the revisions the JSON names appear in the
reference's Sources table and the frontend/pattern-list revisions of the reference are named.
Exit code 0 when everything agrees, 1 with one line per mismatch otherwise.
"""
import argparse
import hashlib
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_TABLE = os.path.join(ROOT, "resources", "opsupport", "cv18xx-ops.json")
DEFAULT_REFERENCE = "/work/shared/reference/tpu-mlir-ops.md"


def cell_verdict(cell):
    """Maps a reference INT8/BF16 cell to the base verdict the JSON should carry."""
    c = cell.strip()
    if c.startswith("TPU+CPU"):
        return "cpu"
    if re.match(r"^[A-Za-z0-9/]+:", c):
        return "conditional"  # "Relu: TPU; ...", "MulConst: LUT; ...", "Pow: LUT; ..."
    for prefix, verdict in (("TPU", "npu"), ("LUT", "lut"), ("→BF16", "bf16_fallback"),
                            ("CPU", "cpu"), ("cond.", "conditional"), ("no", "unsupported"),
                            ("skip", "none"), ("?", "unknown")):
        if c.startswith(prefix):
            return verdict
    return None


def section(text, title_start):
    lines = text.splitlines()
    out, inside = [], False
    for line in lines:
        if line.startswith("#"):
            if inside:
                break
            inside = line.lstrip("#").strip().startswith(title_start)
            continue
        if inside:
            out.append(line)
    return out


def table_rows(lines):
    rows = []
    for line in lines:
        if not line.startswith("|") or set(line.replace("|", "").strip()) <= set("-: "):
            continue
        rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows[1:]  # drop the header


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", default=DEFAULT_REFERENCE)
    parser.add_argument("--table", default=DEFAULT_TABLE)
    args = parser.parse_args()
    with open(args.reference, "rb") as f:
        raw = f.read()
    md = raw.decode("utf-8")
    with open(args.table, encoding="utf-8") as f:
        table = json.load(f)

    problems = []
    ops = {o["op"]: o for o in table["ops"]}

    accepted_md = {}
    for row in table_rows(section(md, "ONNX ops accepted by the frontend")):
        name, frontend, _top, int8, bf16 = row[:5]
        accepted_md[name] = (frontend, int8, bf16)
        o = ops.get(name)
        if o is None:
            problems.append(f"{name}: in the reference table but missing from the JSON")
            continue
        if not frontend.startswith("yes") or o["frontend"] != "accepted":
            problems.append(f"{name}: frontend '{frontend}' vs JSON '{o['frontend']}'")
        for mode, cell in (("int8", int8), ("bf16", bf16)):
            want = cell_verdict(cell)
            if want is None:
                problems.append(f"{name}: cannot read the {mode} cell '{cell}'")
            elif o.get(mode) != want:
                problems.append(f"{name}: {mode} '{cell}' means {want}, JSON says {o.get(mode)}")
        if "newest only" in frontend and "newest" not in o.get("note", ""):
            problems.append(f"{name}: the reference accepts it in the newest revision only; note it")

    m = re.search(r"\((\d+) keys, newest revision read\)", md)
    if m and int(m.group(1)) != len(accepted_md):
        problems.append(f"reference says {m.group(1)} keys but its table has {len(accepted_md)} rows")

    for name, o in ops.items():
        if o["frontend"] == "accepted" and name not in accepted_md:
            problems.append(f"{name}: accepted in the JSON but not in the reference table")

    rejected_text = "\n".join(section(md, "Notable ONNX ops the frontend does NOT accept"))
    rejected_text = rejected_text.split("(`Or`")[0]  # the trailing note names accepted ops
    rejected = set()
    for token in re.findall(r"`([^`]+)`", rejected_text):
        if token.startswith("Bitwise") and "/" in token:
            rejected.update("Bitwise" + part for part in token[len("Bitwise"):].split("/"))
        elif re.fullmatch(r"[A-Za-z0-9]+", token):
            rejected.add(token)
        elif re.fullmatch(r"[A-Za-z0-9]+ \(.*\)", token):
            rejected.add(token.split(" ")[0])
    for name in sorted(rejected):
        o = ops.get(name)
        if o is None or o["frontend"] != "rejected":
            problems.append(f"{name}: listed as not accepted by the reference, JSON says "
                            f"{'missing' if o is None else o['frontend']}")
    for name, o in ops.items():
        if o["frontend"] == "rejected" and name not in rejected:
            problems.append(f"{name}: rejected in the JSON but not in the reference's list")

    sources = "\n".join(section(md, "Sources"))
    named = set(re.findall(r"`([0-9a-f]{7,40})…?`", sources))
    for entry in table["tpuMlirRevisions"]:
        for rev in entry["revisions"]:
            if not any(n.startswith(rev) or rev.startswith(n) for n in named):
                problems.append(f"revision {rev} ({entry['path']}) is not in the reference's Sources")
    for key in ("frontendRevision", "cv18xxPatternRevision"):
        rev = table["generatedFrom"][key]
        if rev not in named:
            problems.append(f"{key} {rev} is not in the reference's Sources")

    kinds = set(table["conditionKinds"])
    for o in table["ops"]:
        for c in o.get("conditions", []):
            if c["kind"] not in kinds:
                problems.append(f"{o['op']}: condition kind {c['kind']} is not declared")

    digest = hashlib.sha256(raw).hexdigest()
    if digest != table["generatedFrom"].get("referenceSha256"):
        print(f"note: the reference changed since the table was written (sha256 {digest}); "
              "update generatedFrom.referenceSha256 once the rows agree")
    for p in problems:
        print(p)
    print(f"{len(accepted_md)} accepted and {len(rejected)} rejected op types in the reference; "
          f"{len(ops)} in the JSON; {len(problems)} mismatches")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
