# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test double of the tpu-mlir command-line tools (tests only, never installed)."""
