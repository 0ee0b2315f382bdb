// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/enginecheck.h>
#include <core/run/provisioningplan.h>
#include <core/toolchain/toolcapabilities.h>
#include <core/run/toolchainsettings.h>

#include <QDialog>

#include <memory>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace Mcw::Core {
class ConversionJob;
class JobPool;
class ToolchainProbe;
} // namespace Mcw::Core

namespace Mcw::Widgets {

class LogView;
class ToolchainSettingsForm;

/**
 * "Set up toolchain…": the backend settings, building the pinned image (`docker pull` +
 * `docker build` of tpu_mlir at the pinned version from the Python package index, or of a chosen
 * wheel, run as a job with progress and log) and
 * "Test toolchain" (ToolchainProbe); for MaixCAM2, loading Axera's Pulsar2 image archive
 * (`docker load`, also a job) and "Test Pulsar2". Settings and probed capabilities persist in QSettings.
 */
class SetupToolchainDialog : public QDialog
{
    Q_OBJECT

public:
    explicit SetupToolchainDialog(QWidget *parent = nullptr);
    ~SetupToolchainDialog() override;

    ToolchainSettingsForm *form() const { return m_form; }
    QLineEdit *wheelEdit() const { return m_wheel; }
    QLineEdit *versionEdit() const { return m_version; }
    /** What "Pull and build image" runs with the current fields. */
    Core::ProvisioningPlan plan() const;
    QPushButton *buildButton() const { return m_build; }
    QPushButton *testButton() const { return m_test; }
    QLineEdit *pulsar2ArchiveEdit() const { return m_pulsar2Archive; }
    QPushButton *loadPulsar2Button() const { return m_loadPulsar2; }
    QPushButton *testPulsar2Button() const { return m_testPulsar2; }
    LogView *logView() const { return m_log; }
    QLabel *statusLabel() const { return m_status; }
    /** Where provisioning jobs keep their folders (default: app data /provisioning). */
    void setRunsRoot(const QString &root) { m_runsRoot = root; }
    Core::ConversionJob *buildJob() const { return m_buildJob; }

    /** Shows what earlier engine checks (the session's, before a run) found, until Test runs again. */
    void showEngineResults(const QList<Core::EngineCheck::Result> &results);

    /** Saves the form to QSettings (also done on accept). */
    void saveSettings();

signals:
    void capabilitiesProbed(const Mcw::Core::ToolCapabilities &caps);

private:
    void startBuild();
    void startPulsar2Load();
    void startProvisioning(const QList<Core::PipelineStepSpec> &steps, const QString &folder, const QString &title);
    void startProbe(Core::Toolchain toolchain);
    void setBusy(bool busy);

    ToolchainSettingsForm *m_form = nullptr;
    QLineEdit *m_baseImage = nullptr;
    QLineEdit *m_version = nullptr;
    QLineEdit *m_wheel = nullptr;
    QPushButton *m_build = nullptr;
    QPushButton *m_test = nullptr;
    QLineEdit *m_pulsar2Archive = nullptr;
    QPushButton *m_loadPulsar2 = nullptr;
    QPushButton *m_testPulsar2 = nullptr;
    bool m_loadingPulsar2 = false;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;
    LogView *m_log = nullptr;
    Core::JobPool *m_pool = nullptr;
    Core::ConversionJob *m_buildJob = nullptr;
    std::unique_ptr<Core::ToolchainProbe> m_probe;
    QString m_runsRoot;
};

} // namespace Mcw::Widgets
