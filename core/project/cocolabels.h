// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

namespace Mcw::Core {

/** The 80 COCO class names in Ultralytics' order (the default labels of YOLO detectors). */
QStringList cocoLabels();

} // namespace Mcw::Core
