#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test double of Axera's pulsar2 (see README.md); never installed."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
from fakepulsar2 import build  # noqa: E402

if __name__ == "__main__":
    sys.exit(build.main())
