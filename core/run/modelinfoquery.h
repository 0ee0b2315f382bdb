// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/bundle/cvimodelinfo.h>
#include <core/result.h>
#include <core/run/toolchainsettings.h>

#include <QObject>

#include <memory>
#include <optional>

namespace Mcw::Core {

class ProcessRunner;
class ToolchainBackend;

/**
 * Asks the toolchain what a built cvimodel needs on the device: runs `model_tool --info
 * X.cvimodel` through the backend in the model's folder, keeps the dump next to the model as
 * `X.cvimodel.info.txt` (the bundle's provenance reads it) and parses it (CvimodelInfo).
 * Asynchronous, one query at a time.
 */
class ModelInfoQuery : public QObject
{
    Q_OBJECT

public:
    explicit ModelInfoQuery(const ToolchainSettings &settings, QObject *parent = nullptr);
    ~ModelInfoQuery() override;

    void start(const QString &cvimodelPath);
    bool isRunning() const { return m_runner != nullptr; }
    /** Valid after finished(). */
    const Expected<CvimodelInfo> &result() const { return m_result; }

    /** Where the dump of \a cvimodelPath is kept. */
    static QString infoFilePath(const QString &cvimodelPath) { return cvimodelPath + QStringLiteral(".info.txt"); }

signals:
    void finished();

private:
    void done(Expected<CvimodelInfo> result);

    std::unique_ptr<ToolchainBackend> m_backend;
    std::unique_ptr<ProcessRunner> m_runner;
    QString m_path;
    QString m_output;
    Expected<CvimodelInfo> m_result = makeError(Error::Code::Generic, QStringLiteral("not run"));
};

} // namespace Mcw::Core
