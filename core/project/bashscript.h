// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Mcw::Core {

/** Pieces of the bash scripts `maixcam-convert plan` prints (tpu-mlir and Pulsar2 alike). */
namespace BashScript {

/** `#!/bin/bash`, the `# ` comments, `set -e`, one `# note:` per note, then mkdir/cd the workspace. */
QStringList header(const QStringList &comments, const QStringList &notes, const QString &workspaceDir);
/** `cat > FILE <<'END'` … `END`: quoted, so nothing inside is expanded; END never occurs in it. */
QStringList hereDocument(const QString &fileName, const QString &content);

} // namespace BashScript
} // namespace Mcw::Core
