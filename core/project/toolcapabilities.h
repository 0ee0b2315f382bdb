// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// One ToolCapabilities for the plan and the runner: probed from each tool's `--help` by
// ToolchainProbe (core/run), consumed by ConversionPlan. A tool without an entry accepts every flag.
#include <core/run/toolcapabilities.h>
