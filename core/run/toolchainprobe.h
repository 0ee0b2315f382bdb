// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>
#include <core/toolchain/toolcapabilities.h>
#include <core/run/toolchainsettings.h>

#include <QObject>

#include <functional>
#include <memory>

class QSettings;

namespace Mcw::Core {

class ProcessRunner;
class ToolchainBackend;
struct ProcessOutcome;

/**
 * "Test toolchain": checks docker (daemon reachable, socket permission, image or container
 * present), then runs each tool's `--help` through the backend, reads the tpu-mlir version
 * and records the accepted flags. Asynchronous; one check at a time.
 */
class ToolchainProbe : public QObject
{
    Q_OBJECT

public:
    struct Check
    {
        QString title;    // "Docker daemon", "model_deploy --help"
        bool ok = false;
        QString message;  // result line or one-sentence error
    };

    explicit ToolchainProbe(ToolchainSettings settings, QObject *parent = nullptr);
    ~ToolchainProbe() override;

    /** Default: model_transform.py, run_calibration.py, model_deploy.py. */
    void setTools(const QStringList &tools) { m_tools = tools; }
    /** Folder the `--help` runs start in (docker: mounted); default: the temp folder. */
    void setWorkingDirectory(const QString &dir) { m_workingDirectory = dir; }
    void setCheckTimeout(qint64 ms) { m_timeoutMs = ms; }
    /** Probe Pulsar2 (its image or container, then `pulsar2 version`) instead of tpu-mlir's tools. */
    void setToolchain(Toolchain toolchain) { m_toolchain = toolchain; }

    void start();
    void cancel();
    bool isRunning() const { return m_running; }

    const QList<Check> &checks() const { return m_checks; }
    /** The capabilities, or the first failed check's error. Valid after finished(). */
    Expected<ToolCapabilities> result() const;

    /** Cache per backend description ("docker run IMAGE"), so a probe runs once per image. */
    static void storeCapabilities(QSettings &settings, const ToolchainSettings &toolchain,
                                  const ToolCapabilities &caps);
    /** Empty when nothing is stored, or for `docker run` when the stored probe has no image id. */
    static ToolCapabilities storedCapabilities(QSettings &settings, const ToolchainSettings &toolchain);

signals:
    void checkFinished(const Mcw::Core::ToolchainProbe::Check &check);
    void finished();

private:
    struct Step
    {
        QString title;
        std::function<Expected<void>()> prepare; // may fail before running (wrap errors)
        ToolInvocation invocation;
        std::function<Expected<QString>(const ProcessOutcome &, const QString &output)> evaluate;
        bool toolCheck = false; // a tool's --help, run through the backend
        QString alternate;      // the other entry-point spelling, tried when this one is not found
    };

    void runNext();
    void fail(const Error &error, const QString &title);

    ToolchainSettings m_settings;
    Toolchain m_toolchain = Toolchain::TpuMlir;
    std::unique_ptr<ToolchainBackend> m_backend;
    std::unique_ptr<ProcessRunner> m_runner;
    QStringList m_tools;
    QString m_workingDirectory;
    QList<Step> m_steps;
    QList<Check> m_checks;
    QString m_output;
    ToolCapabilities m_caps;
    std::optional<Error> m_error;
    qint64 m_timeoutMs = 120000;
    bool m_running = false;
};

} // namespace Mcw::Core
