# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared pieces of the fake tools: clock, logger, version, scenarios, tqdm bars, tracebacks."""

import datetime
import os
import shutil
import subprocess
import sys
import time

FAKES_DIR = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))


def npz_tool_script():
    """npz_tool.py next to the package in tests/fakes, else (installed from the fake wheel, where
    the scripts live in a bin folder) from PATH, as the real tpu_mlir resolves it."""
    beside = os.path.join(FAKES_DIR, "npz_tool.py")
    if os.path.exists(beside):
        return beside
    return shutil.which("npz_tool.py") or beside


VERSIONS = {
    "1.3": "SOPHGO Toolchain v1.3.228-g19ca95e9-20230921",
    "1.7": "TPU-MLIR v1.7-20240419",
    "1.14": "TPU-MLIR v1.14-20241231",
    "1.15": "TPU-MLIR v1.15.1-20250208",
    "1.16": "TPU-MLIR v1.16.beta.0-41-g5eba2a0e2-20250327",
    "1.21": "TPU-MLIR v1.21.1-20250620",
    "1.27": "TPU-MLIR v1.27-20260206",
    "1.28.1": "TPU-MLIR v1.28.1-20260429",
    "1.29": "TPU-MLIR v1.29-20260615",
    "1.30": "TPU-MLIR v1.30-20260115",
    "1.30.2": "TPU-MLIR v1.30.2-20260831",
    "unknown": "TPU-MLIR UNKNOWN.UNKNOWN-20241211",
}
"""Release → version line. 1.28.1 and 1.30.2 are build strings seen in sophgo/tpu-mlir#281 and #284, 1.27's
in published conversion logs (`TPU-MLIR v1.27-20260206`, a yolov5s transform log of 2026/03/04 and a
sophon-demo YOLOv8 comparison note); the build dates of 1.21, 1.29 and 1.30 are made up (only the
release number matters to the workbench)."""

# Where a flag was renamed, the doubles switch at 1.21, the oldest release the workbench supports
# (reference §10 lists the renames for 1.21 → 1.30.2 without the exact release of each).
RENAMES_AT = (1, 21)

PKG_ROOT = "/usr/local/lib/python3.10/dist-packages/tpu_mlir"


def env(name, default=""):
    return os.environ.get(name, default)


def version_key():
    v = env("FAKE_TPU_VERSION", "1.15")
    return v if v in VERSIONS else "1.15"


def version_line():
    return VERSIONS[version_key()]


def version_tuple():
    """(1, 28, 1) for "1.28.1"; compares with (1, 30) as Python tuples do."""
    key = version_key()
    if key == "unknown":
        return (1, 15)
    return tuple(int(x) for x in key.split("."))


def renamed_flags():
    """True from the release where --io_alone, --core and --part_asymmtric were replaced."""
    return version_tuple() >= RENAMES_AT


def short_version():
    """'v1.15.1-20250208' as used in the calibration table header."""
    line = version_line()
    return line.split(" ")[-1]


def wrapped():
    return env("FAKE_TPU_WRAPPED") == "1"


def now():
    frozen = env("FAKE_TPU_NOW")
    if frozen:
        for fmt in ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"):
            try:
                return datetime.datetime.strptime(frozen, fmt)
            except ValueError:
                pass
        try:
            return datetime.datetime.fromtimestamp(float(frozen))
        except ValueError:
            pass
    return datetime.datetime.now()


def out(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def err(text=""):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def log(message):
    """The tpu-mlir logger: '%(asctime)s - %(levelname)s : %(message)s' on stdout."""
    out("%s - INFO : %s" % (now().strftime("%Y/%m/%d %H:%M:%S"), message))


def old_print():
    """Versions before 1.7 ('SOPHGO Toolchain') printed the version and frontend steps without the logger."""
    return version_tuple() < (1, 7)


def say(message):
    """A line the current version prints through the logger, older ones with plain print."""
    if old_print():
        out(message)
    else:
        log(message)


# ---------------------------------------------------------------- scenarios and timing

def scenario(tool):
    """The active scenario for this tool ('ok' when FAKE_TPU_SCENARIO_TOOL names another tool)."""
    only = env("FAKE_TPU_SCENARIO_TOOL")
    if only and only.replace(".py", "") != tool:
        return "ok"
    return env("FAKE_TPU_SCENARIO", "ok") or "ok"


def speed():
    try:
        return float(env("FAKE_TPU_SPEED", "1"))
    except ValueError:
        return 1.0


def pause(seconds, tool):
    factor = speed()
    if scenario(tool) == "slow":
        factor *= 20
    if factor > 0 and seconds > 0:
        time.sleep(seconds * factor)


def check_lifecycle(tool, point):
    """oom / hang scenarios act at the tool's first 'work' point."""
    sc = scenario(tool)
    if sc == "oom":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(137)
    if sc == "fail_once":
        marker = ".fake-failed-once-" + tool
        if not os.path.exists(marker):
            open(marker, "w").close()
            err("RuntimeError: fail_once: %s fails this time only" % tool)
            sys.exit(1)
    if sc in ("hang", "hang_child"):
        if sc == "hang_child":
            # As tpu-mlir's python starts tpuc-opt: a child in the tool's process group, working
            # in its folder, that outlives the tool unless the group is killed.
            child = subprocess.Popen(["sleep", "3600"], stdin=subprocess.DEVNULL)
            print("child-pid %d" % child.pid, file=sys.stderr)
        sys.stdout.flush()
        sys.stderr.flush()
        while True:
            time.sleep(3600)


# ---------------------------------------------------------------- tqdm

def _fmt_interval(seconds):
    seconds = int(seconds)
    m, s = divmod(seconds, 60)
    h, m = divmod(m, 60)
    if h:
        return "%d:%02d:%02d" % (h, m, s)
    return "%02d:%02d" % (m, s)


def _bar(frac, width=10):
    parts = " ▏▎▍▌▋▊▉"
    full = int(frac * width)
    rest = int((frac * width - full) * 8)
    s = "█" * full
    if full < width:
        s += (parts[rest] if rest else " ") + " " * (width - full - 1)
    return s


def tqdm_line(desc, n, total, elapsed):
    frac = n / total if total else 0
    pct = "%3d%%" % int(frac * 100)
    if n == 0 or elapsed <= 0:
        rate = "?it/s"
        remaining = "?"
    else:
        r = n / elapsed
        rate = ("%.2fit/s" % r) if r >= 1 else ("%.2fs/it" % (1 / r))
        remaining = _fmt_interval((total - n) / r)
    return "%s: %s|%s| %d/%d [%s<%s, %s]" % (desc, pct, _bar(frac), n, total,
                                            _fmt_interval(elapsed), remaining, rate)


class Bar:
    """A tqdm bar on stderr with a simulated clock: `\\r`-refreshed, final state + newline."""

    def __init__(self, desc, total, seconds_per_item, tool):
        self.desc = desc
        self.total = total
        self.n = 0
        self.per_item = seconds_per_item
        self.tool = tool
        self.elapsed = 0.0
        self._draw()

    def _draw(self, end=""):
        sys.stderr.write("\r" + tqdm_line(self.desc, self.n, self.total, self.elapsed) + end)
        sys.stderr.flush()

    def update(self, desc=None):
        if desc is not None:
            self.desc = desc
        pause(self.per_item, self.tool)
        self.n += 1
        self.elapsed += self.per_item
        self._draw()

    def close(self):
        self._draw("\n")


# ---------------------------------------------------------------- failures

def exit_code(code):
    """The pip console scripts turn any non-zero status into 1."""
    if code != 0 and wrapped():
        return 1
    return code


def traceback_tail(script, frames, exc_line):
    err("Traceback (most recent call last):")
    for path, line, func, code in frames:
        err('  File "%s", line %d, in %s' % (path, line, func))
        err("    " + code)
    err(exc_line)


def tool_path(script):
    return "%s/python/tools/%s" % (PKG_ROOT, script)


def raise_os_system(script, caller_frames, cmd):
    frames = list(caller_frames) + [
        ("%s/python/utils/mlir_shell.py" % PKG_ROOT, 56, "_os_system",
         'raise RuntimeError("[!Error]: {}".format(cmd_str))'),
    ]
    traceback_tail(script, frames, "RuntimeError: [!Error]: " + cmd)
    sys.exit(exit_code(1))


def buffered():
    return env("FAKE_TPU_BUFFERED") == "1"


def run_child(argv, announce):
    """Runs a sub-command like mlir_shell._os_system: '[Running]: cmd', child output, '[Success]: cmd'.

    Returns the child's exit status. With FAKE_TPU_BUFFERED=1 the parent's own '[Running]' line
    appears after the child's output, as with block-buffered stdout on a pipe.
    """
    if not buffered():
        out("[Running]: " + announce)
    sys.stdout.flush()
    proc = subprocess.Popen(argv)
    code = proc.wait()
    if buffered():
        out("[Running]: " + announce)
    return code


def preprocess_block(pp):
    """The 'config/load_config Preprocess args' lines (tab-indented)."""
    lines = []
    lines.append("\t%-22s: %s" % ("resize_dims", pp.get("resize_dims", "same to net input dims")))
    lines.append("\t%-22s: %s" % ("keep_aspect_ratio", pp["keep_aspect_ratio"]))
    lines.append("\t%-22s: %s" % ("keep_ratio_mode", pp["keep_ratio_mode"]))
    lines.append("\t%-22s: %s" % ("pad_value", pp["pad_value"]))
    lines.append("\t%-22s: %s" % ("pad_type", pp["pad_type"]))
    lines.append("\t--------------------------")
    lines.append("\t%-22s: %s" % ("mean", pp["mean"]))
    lines.append("\t%-22s: %s" % ("scale", pp["scale"]))
    lines.append("\t--------------------------")
    lines.append("\t%-22s: %s" % ("pixel_format", pp["pixel_format"]))
    lines.append("\t%-22s: %s" % ("channel_format", pp["channel_format"]))
    return lines


def float_list(text, default):
    if text is None or text == "":
        return list(default)
    return [float(x) for x in str(text).split(",") if x.strip()]


def str2list(text):
    if not text:
        return []
    return [x.strip() for x in text.split(",") if x.strip()]
