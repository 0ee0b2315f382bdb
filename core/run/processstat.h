// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>

namespace Mcw::Core {

/**
 * The fields of /proc/<pid>/stat after "(comm) ": state, ppid, pgrp, … (field N of proc(5) at
 * index N - 3). Empty when the process is gone, a zombie or the file cannot be read.
 */
QList<QByteArray> liveProcessStat(qint64 pid);

} // namespace Mcw::Core
