// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "nativebackend.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace Mcw::Core {

NativeBackend::NativeBackend(ToolchainSettings settings)
    : m_settings(std::move(settings))
{}

QString NativeBackend::describe() const
{
    return m_settings.describe();
}

Expected<ToolInvocation> NativeBackend::wrap(const ToolInvocation &tool, const QString &) const
{
    ToolInvocation inv = tool;
    inv.environment.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));
    QStringList searchPath;
    if (!m_settings.toolDirectory.isEmpty()) {
        searchPath.append(m_settings.toolDirectory);
        const QString inherited = inv.environment.value(QStringLiteral("PATH"),
                                                        qEnvironmentVariable("PATH"));
        inv.environment.insert(QStringLiteral("PATH"),
                               m_settings.toolDirectory + QDir::listSeparator() + inherited);
    }
    if (QFileInfo(tool.program).isAbsolute())
        return inv;
    QString found = searchPath.isEmpty() ? QString()
                                         : QStandardPaths::findExecutable(tool.program, searchPath);
    if (found.isEmpty())
        found = QStandardPaths::findExecutable(tool.program);
    if (found.isEmpty()) {
        return makeError(Error::Code::NotFound,
                         QStringLiteral("%1 was not found on PATH; install the tpu_mlir wheel in a "
                                        "Python 3.10 environment (pip install tpu_mlir[onnx]) and "
                                        "set its bin folder in the toolchain settings, or use the "
                                        "docker backend.")
                             .arg(tool.program));
    }
    inv.program = found;
    return inv;
}

Error NativeBackend::interpretFailure(const ProcessOutcome &outcome, const QString &toolName) const
{
    Error error = describeOutcome(outcome, toolName);
    const QString tail = outcome.stderrTail.join(QLatin1Char('\n'));
    if (outcome.kind == ProcessOutcome::Kind::Exited && outcome.exitCode != 0
        && tail.contains(QLatin1String("ModuleNotFoundError: No module named 'tpu_mlir'"))) {
        error.message = QStringLiteral("%1 cannot import tpu_mlir: the wheel is missing from this "
                                       "Python environment; pip install the tpu_mlir wheel or use "
                                       "the docker backend.")
                            .arg(toolName);
        error.code = Error::Code::NotFound;
    }
    return error;
}

} // namespace Mcw::Core
