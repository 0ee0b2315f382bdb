// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The plan builder and the toolchain probe share one ToolCapabilities (core/run).
#include <core/run/toolcapabilities.h>
