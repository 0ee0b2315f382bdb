// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "setuptoolchaindialog.h"

#include <core/run/jobpool.h>
#include <core/run/provisioningplan.h>
#include <core/run/pulsar2imageload.h>
#include <core/run/toolchainbackend.h>
#include <core/run/toolchainprobe.h>
#include <widgets/jobs/engineseditor.h>
#include <widgets/jobs/enginesmodel.h>
#include <widgets/jobs/logview.h>
#include <widgets/jobs/toolchainsettingsform.h>

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace Mcw::Widgets {

SetupToolchainDialog::SetupToolchainDialog(QWidget *parent)
    : QDialog(parent)
    , m_form(new ToolchainSettingsForm(this))
    , m_baseImage(new QLineEdit(QString::fromLatin1(Core::ProvisioningPlan::DefaultBaseImage), this))
    , m_version(new QLineEdit(QString::fromLatin1(Core::ProvisioningPlan::DefaultTpuMlirVersion), this))
    , m_wheel(new QLineEdit(this))
    , m_build(new QPushButton(tr("Pull and build image"), this))
    , m_test(new QPushButton(tr("Test toolchain"), this))
    , m_pulsar2Archive(new QLineEdit(this))
    , m_loadPulsar2(new QPushButton(tr("Load image"), this))
    , m_testPulsar2(new QPushButton(tr("Test Pulsar2"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_log(new LogView(this))
    , m_pool(new Core::JobPool(this))
    , m_runsRoot(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/provisioning"))
{
    setWindowTitle(tr("Set up toolchain"));
    QSettings settings;
    m_form->setSettings(Core::ToolchainSettings::load(settings));
    m_wheel->setPlaceholderText(tr("optional: tpu_mlir-<version>-py3-none-any.whl instead of the version"));
    m_version->setToolTip(tr("The tpu_mlir release installed from the Python package index; %1 is the "
                             "one Sipeed's own converter uses.")
                              .arg(QString::fromLatin1(Core::ProvisioningPlan::DefaultTpuMlirVersion)));
    connect(m_wheel, &QLineEdit::textChanged, this,
            [this](const QString &wheel) { m_version->setEnabled(wheel.trimmed().isEmpty()); });
    m_status->setWordWrap(true);
    m_progress->setRange(0, 100);

    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("tpu_mlir wheel"), {}, tr("Wheels (tpu_mlir-*.whl)"));
        if (!file.isEmpty())
            m_wheel->setText(file);
    });
    auto *wheelRow = new QHBoxLayout;
    wheelRow->addWidget(m_wheel);
    wheelRow->addWidget(browse);
    auto *imageBox = new QGroupBox(tr("Build the toolchain image"), this);
    auto *imageForm = new QFormLayout(imageBox);
    imageForm->addRow(tr("Base image:"), m_baseImage);
    imageForm->addRow(tr("tpu_mlir version:"), m_version);
    imageForm->addRow(tr("or a wheel file:"), wheelRow);
    imageForm->addRow(QString(), m_build);

    // MaixCAM2: Axera ships Pulsar2 only as an image archive to download and load (no registry).
    auto *pulsar2Box = new QGroupBox(tr("Pulsar2 for MaixCAM2 (AX630C)"), this);
    auto *pulsar2Form = new QFormLayout(pulsar2Box);
    auto *pulsar2Help = new QLabel(
        tr("Download <b>ax_pulsar2_6.0.tar.gz</b> from Hugging Face or ModelScope (AXERA-TECH/Pulsar2), "
           "choose it here and press <i>Load image</i> (it runs <code>docker load -i</code>). The loaded name, "
           "normally <code>pulsar2:6.0</code>, becomes the Pulsar2 image above; <code>docker images | grep "
           "pulsar2</code> lists the ones already loaded."),
        pulsar2Box);
    pulsar2Help->setWordWrap(true);
    pulsar2Help->setTextFormat(Qt::RichText);
    m_pulsar2Archive->setObjectName(QStringLiteral("pulsar2Archive"));
    m_pulsar2Archive->setPlaceholderText(tr("ax_pulsar2_6.0.tar.gz"));
    auto *browseArchive = new QPushButton(tr("Browse…"), pulsar2Box);
    connect(browseArchive, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Pulsar2 image archive"), {},
                                                          tr("Image archives (*.tar.gz *.tgz *.tar)"));
        if (!file.isEmpty())
            m_pulsar2Archive->setText(file);
    });
    auto *archiveRow = new QHBoxLayout;
    archiveRow->addWidget(m_pulsar2Archive);
    archiveRow->addWidget(browseArchive);
    auto *pulsar2Buttons = new QHBoxLayout;
    pulsar2Buttons->addWidget(m_loadPulsar2);
    pulsar2Buttons->addWidget(m_testPulsar2);
    pulsar2Buttons->addStretch();
    pulsar2Form->addRow(pulsar2Help);
    pulsar2Form->addRow(tr("Image archive:"), archiveRow);
    pulsar2Form->addRow(pulsar2Buttons);
    connect(m_loadPulsar2, &QPushButton::clicked, this, &SetupToolchainDialog::startPulsar2Load);
    connect(m_testPulsar2, &QPushButton::clicked, this, [this] { startProbe(Core::Toolchain::Pulsar2); });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->addButton(m_test, QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        saveSettings();
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_build, &QPushButton::clicked, this, &SetupToolchainDialog::startBuild);
    connect(m_test, &QPushButton::clicked, this, [this] { startProbe(Core::Toolchain::TpuMlir); });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_form);
    layout->addWidget(imageBox);
    layout->addWidget(pulsar2Box);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_log, 1);
    layout->addWidget(buttons);

    Core::ToolchainSettings native;
    native.backend = Core::ToolchainSettings::Backend::Native;
    m_pool->setBackend(Core::ToolchainBackend::create(native));
    connect(m_pool, &Core::JobPool::jobChanged, this, [this](Core::ConversionJob *job) {
        if (job != m_buildJob)
            return;
        m_progress->setValue(int(job->record().progress() * 100));
        if (job->runningStep() >= 0) {
            const Core::StepRecord &s = job->record().steps.at(job->runningStep());
            m_status->setText(s.stage.isEmpty() ? s.title : tr("%1: %2").arg(s.title, s.stage));
        }
    });
    connect(m_pool, &Core::JobPool::jobFinished, this, [this](Core::ConversionJob *job) {
        if (job != m_buildJob)
            return;
        setBusy(false);
        if (job->state() == Core::JobState::Succeeded && m_loadingPulsar2) {
            m_status->setText(tr("Image %1 is loaded; press Test Pulsar2.").arg(m_form->settings().pulsar2Image));
            return;
        }
        if (job->state() == Core::JobState::Succeeded) {
            m_status->setText(tr("Image %1 is built; press Test toolchain.").arg(m_form->settings().image));
            return;
        }
        for (const Core::StepRecord &s : job->record().steps) {
            if (s.state == Core::StepState::Failed || s.state == Core::StepState::Cancelled) {
                m_status->setText(tr("%1: %2").arg(s.title, s.errorMessage));
                break;
            }
        }
    });
}

SetupToolchainDialog::~SetupToolchainDialog()
{
    m_pool->cancelAll();
}

void SetupToolchainDialog::showEngineResults(const QList<Core::EngineCheck::Result> &results)
{
    for (const Core::EngineCheck::Result &r : results)
        m_form->enginesEditor()->model()->setCheckResult(r);
}

void SetupToolchainDialog::saveSettings()
{
    QSettings settings;
    m_form->settings().save(settings);
}

void SetupToolchainDialog::setBusy(bool busy)
{
    m_build->setEnabled(!busy);
    m_test->setEnabled(!busy);
    m_loadPulsar2->setEnabled(!busy);
    m_testPulsar2->setEnabled(!busy);
}

Core::ProvisioningPlan SetupToolchainDialog::plan() const
{
    const Core::ToolchainSettings settings = m_form->settings();
    Core::ProvisioningPlan plan;
    plan.dockerProgram = settings.dockerProgram;
    plan.baseImage = m_baseImage->text().trimmed();
    plan.imageTag = settings.image;
    plan.tpuMlirVersion = m_version->text().trimmed();
    plan.wheelPath = m_wheel->text().trimmed();
    return plan;
}

void SetupToolchainDialog::startBuild()
{
    auto steps = plan().steps();
    if (!steps) {
        m_status->setText(steps.error().message);
        return;
    }
    m_loadingPulsar2 = false;
    startProvisioning(*steps, QStringLiteral("toolchain-image"), tr("Toolchain image"));
}

void SetupToolchainDialog::startPulsar2Load()
{
    const Core::Pulsar2ImageLoad load{m_form->settings().dockerProgram, m_pulsar2Archive->text().trimmed()};
    auto steps = load.steps();
    if (!steps) {
        m_status->setText(steps.error().message);
        return;
    }
    m_loadingPulsar2 = true;
    startProvisioning(*steps, QStringLiteral("pulsar2-image"), tr("Pulsar2 image"));
    if (!m_buildJob)
        return;
    // `docker load` names the image it loaded: that is the one MaixCAM2 steps run.
    connect(m_buildJob, &Core::ConversionJob::outputLine, this,
            [this](const QString &, Core::OutputStream, const QString &line, bool) {
                const QString image = Core::Pulsar2ImageLoad::loadedImage(line);
                if (image.isEmpty())
                    return;
                m_form->setPulsar2Image(image);
            });
}

void SetupToolchainDialog::startProvisioning(const QList<Core::PipelineStepSpec> &steps, const QString &folder,
                                             const QString &title)
{
    auto dir = Core::ConversionPipeline::makeJobDirectory(m_runsRoot, folder);
    if (!dir) {
        m_status->setText(dir.error().message);
        return;
    }
    auto job = Core::ConversionPipeline::createJob(title, *dir, steps);
    if (!job) {
        m_status->setText(job.error().message);
        return;
    }
    m_log->clear();
    m_progress->setValue(0);
    setBusy(true);
    m_buildJob = m_pool->submit(*job);
    connect(m_buildJob, &Core::ConversionJob::outputLine, this,
            [this](const QString &, Core::OutputStream stream, const QString &line, bool overwrite) {
                m_log->appendLine(stream, line, overwrite);
            });
}

void SetupToolchainDialog::startProbe(Core::Toolchain toolchain)
{
    m_log->clear();
    m_status->setText(toolchain == Core::Toolchain::Pulsar2 ? tr("Testing Pulsar2…") : tr("Testing the toolchain…"));
    setBusy(true);
    const Core::ToolchainSettings settings = m_form->settings();
    m_probe = std::make_unique<Core::ToolchainProbe>(settings);
    m_probe->setToolchain(toolchain);
    connect(m_probe.get(), &Core::ToolchainProbe::checkFinished, this, [this](const Core::ToolchainProbe::Check &c) {
        m_log->appendLine(c.ok ? Core::OutputStream::Stdout : Core::OutputStream::Stderr,
                          tr("%1 %2: %3").arg(c.ok ? QStringLiteral("✓") : QStringLiteral("✗"), c.title, c.message));
    });
    connect(m_probe.get(), &Core::ToolchainProbe::finished, this, [this, settings, toolchain] {
        setBusy(false);
        const auto result = m_probe->result();
        if (!result) {
            m_status->setText(result.error().message);
            return;
        }
        if (toolchain == Core::Toolchain::Pulsar2) {
            m_status->setText(tr("Pulsar2 %1 works (%2); MaixCAM2 projects can convert.")
                                  .arg(result->version, settings.describe(Core::Toolchain::Pulsar2)));
            return;
        }
        m_status->setText(tr("The toolchain works (tpu-mlir %1).")
                              .arg(result->version.isEmpty() ? tr("version unknown") : result->version));
        QSettings store;
        Core::ToolchainProbe::storeCapabilities(store, settings, *result);
        emit capabilitiesProbed(*result);
    });
    m_probe->start();
}

} // namespace Mcw::Widgets
