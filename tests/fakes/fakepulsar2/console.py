# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pulsar2's console shapes (maixcam2.md §4.2/§4.3): loguru lines, Rich bars and box tables,
tqdm bars redrawn with '\\r', frozen-module tracebacks ending in a CodeException line."""

import datetime
import os
import sys
import time

from faketpu.common import err, out  # noqa: F401 (re-exported: the same line writers as the tpu-mlir doubles)

VERSIONS = {"6.0": "48520c11", "7.0": "7c1f9e02"}
"""Release → commit. 6.0's commit is the one quoted in the reference; 7.0's is made up."""


def version():
    v = os.environ.get("FAKE_PULSAR2_VERSION", "6.0")
    return v if v in VERSIONS else "6.0"


def commit():
    return VERSIONS[version()]


def speed():
    try:
        return float(os.environ.get("FAKE_PULSAR2_SPEED", "1"))
    except ValueError:
        return 1.0


def pause(seconds):
    if speed() > 0 and seconds > 0:
        time.sleep(seconds * speed())


def now():
    frozen = os.environ.get("FAKE_PULSAR2_NOW")
    if frozen:
        return datetime.datetime.strptime(frozen, "%Y-%m-%d %H:%M:%S")
    return datetime.datetime.now()


def log(level, where, message):
    """loguru: `YYYY-MM-DD HH:MM:SS.mmm | LEVEL(8) | module:function:line - message` (on stderr, as
    loguru's default sink)."""
    stamp = now().strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (now().microsecond // 1000)
    err("%s | %-8s | %s - %s" % (stamp, level, where, message))


def rich_bar(title, steps=4, seconds=0.05):
    """A Rich progress bar redrawn with '\\r' on stdout, ending at `100% 0:00:00`."""
    width = 40
    for i in range(1, steps + 1):
        done = width * i // steps
        bar = "━" * done + " " * (width - done)
        sys.stdout.write("\r%s %s %3d%% 0:00:00" % (title, bar, 100 * i // steps))
        sys.stdout.flush()
        pause(seconds)
    sys.stdout.write("\n")
    sys.stdout.flush()


def _bar(frac, width=10):
    full = int(frac * width)
    return "█" * full + " " * (width - full)


def tqdm(desc, total, seconds_per_item=0.01):
    """`Calibration Progress(Phase 1): 100%|██████████| 32/32 [00:01<00:00, 18.07it/s]` on stderr."""
    rate = 1.0 / seconds_per_item if seconds_per_item > 0 else 18.07
    for n in range(0, total + 1):
        frac = n / total if total else 1
        elapsed = n * seconds_per_item
        remaining = (total - n) * seconds_per_item
        line = "%s: %3d%%|%s| %d/%d [%02d:%02d<%02d:%02d, %.2fit/s]" % (
            desc, int(frac * 100), _bar(frac), n, total, int(elapsed) // 60, int(elapsed) % 60,
            int(remaining) // 60, int(remaining) % 60, rate)
        sys.stderr.write("\r" + line)
        sys.stderr.flush()
        if n < total:
            pause(seconds_per_item)
    sys.stderr.write("\n")
    sys.stderr.flush()


def _wrap(text, width):
    if len(text) <= width:
        return [text]
    return [text[i:i + width] for i in range(0, len(text), width)]


def rich_table(title, headers, rows, max_width=None, centred=()):
    """A Rich box table (heavy head, light body, a rule between rows) as lines. Cells longer than
    their column's max_width wrap over several physical lines, as Rich does on an 80-column pipe."""
    max_width = max_width or {}
    cols = len(headers)
    wrapped_rows = [[_wrap(str(c), max_width.get(i, 10 ** 6)) for i, c in enumerate(r)] for r in rows]
    widths = [len(h) for h in headers]
    for r in wrapped_rows:
        for i, parts in enumerate(r):
            widths[i] = max(widths[i], max(len(p) for p in parts))

    def cell(text, i):
        if i in centred:
            return " " + text.center(widths[i]) + " "
        return " " + text.ljust(widths[i]) + " "

    def rule(left, mid, right, fill):
        return left + mid.join(fill * (w + 2) for w in widths) + right

    total = sum(w + 3 for w in widths) + 1
    lines = [title.center(total).rstrip(), rule("┏", "┳", "┓", "━"),
             "┃" + "┃".join(cell(h, i) for i, h in enumerate(headers)) + "┃", rule("┡", "╇", "┩", "━")]
    for k, r in enumerate(wrapped_rows):
        height = max(len(p) for p in r)
        for line in range(height):
            lines.append("│" + "│".join(cell(r[i][line] if line < len(r[i]) else "", i) for i in range(cols)) + "│")
        if k + 1 < len(wrapped_rows):
            lines.append(rule("├", "┼", "┤", "─"))
    lines.append(rule("└", "┴", "┘", "─"))
    return lines


class CodeError(Exception):
    """A yamain CodeException: (ErrorCode name, number, exception text)."""

    def __init__(self, name, number, text, frames=None):
        super().__init__(text)
        self.name = name
        self.number = number
        self.text = text
        self.frames = frames or []


def code_exception(e):
    """The traceback of frozen modules and the one CodeException line (maixcam2.md §4.4)."""
    err("Traceback (most recent call last):")
    frames = [("<frozen yamain.main>", 72, "<module>"), ("<frozen yamain.command.build>", 507, "build")] + e.frames
    for path, line, func in frames:
        err('  File "%s", line %d, in %s' % (path, line, func))
    err("yamain.common.error.CodeException: (<ErrorCode.%s: %d>, %s)" % (e.name, e.number, e.text))
