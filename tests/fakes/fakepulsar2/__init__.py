# SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Test double of Axera's pulsar2 (shared/reference/maixcam2.md); stdlib only, never installed."""
