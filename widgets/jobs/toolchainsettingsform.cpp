// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolchainsettingsform.h"

#include <widgets/jobs/engineseditor.h>

#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Mcw::Widgets {

ToolchainSettingsForm::ToolchainSettingsForm(QWidget *parent)
    : QWidget(parent)
    , m_layout(new QFormLayout(this))
    , m_backend(new QComboBox(this))
    , m_image(new QLineEdit(this))
    , m_container(new QLineEdit(this))
    , m_pulsar2Image(new QLineEdit(this))
    , m_pulsar2Container(new QLineEdit(this))
    , m_toolDirectory(new QLineEdit(this))
    , m_concurrency(new QSpinBox(this))
    , m_timeout(new QSpinBox(this))
    , m_enginesBox(new QGroupBox(tr("Docker engines the steps run on"), this))
    , m_engines(new EnginesEditor(m_enginesBox))
{
    m_backend->addItem(tr("Docker"), QStringLiteral("docker"));
    m_backend->addItem(tr("Native (tools on PATH)"), QStringLiteral("native"));
    m_container->setPlaceholderText(tr("empty: a new container per step from the image, on the engines below"));
    m_pulsar2Image->setObjectName(QStringLiteral("pulsar2Image"));
    m_pulsar2Image->setToolTip(tr("Axera's image for MaixCAM2 projects, as 'docker load -i ax_pulsar2_6.0.tar.gz' "
                                  "named it (see 'docker images | grep pulsar2')"));
    m_pulsar2Container->setObjectName(QStringLiteral("pulsar2Container"));
    m_pulsar2Container->setPlaceholderText(tr("empty: a new container per step from the Pulsar2 image"));
    m_toolDirectory->setPlaceholderText(tr("e.g. ~/tpu-venv/bin; empty: PATH"));
    m_concurrency->setRange(1, 8);
    m_concurrency->setToolTip(tr("Steps at once on this machine (native tools, or docker exec into one container)"));
    m_timeout->setRange(0, 24 * 60);
    m_timeout->setSuffix(tr(" min"));
    m_timeout->setSpecialValueText(tr("none"));
    auto *enginesLayout = new QVBoxLayout(m_enginesBox);
    enginesLayout->addWidget(m_engines);

    m_layout->addRow(tr("Backend:"), m_backend);
    m_layout->addRow(tr("Docker image:"), m_image);
    m_layout->addRow(tr("Running container:"), m_container);
    m_layout->addRow(tr("Pulsar2 image (MaixCAM2):"), m_pulsar2Image);
    m_layout->addRow(tr("Pulsar2 container:"), m_pulsar2Container);
    m_layout->addRow(tr("Tool folder:"), m_toolDirectory);
    m_layout->addRow(tr("Runs at once on this machine:"), m_concurrency);
    m_layout->addRow(tr("Step timeout:"), m_timeout);
    m_layout->addRow(m_enginesBox);

    connect(m_backend, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit changed();
    });
    for (QLineEdit *edit : {m_image, m_container, m_pulsar2Image, m_pulsar2Container, m_toolDirectory})
        connect(edit, &QLineEdit::textEdited, this, &ToolchainSettingsForm::changed);
    // The engines apply only to docker run, i.e. without a container to exec into.
    connect(m_container, &QLineEdit::textEdited, this, &ToolchainSettingsForm::updateEnabled);
    connect(m_pulsar2Container, &QLineEdit::textEdited, this, &ToolchainSettingsForm::updateEnabled);
    for (QSpinBox *spin : {m_concurrency, m_timeout})
        connect(spin, &QSpinBox::valueChanged, this, &ToolchainSettingsForm::changed);
    connect(m_engines, &EnginesEditor::changed, this, &ToolchainSettingsForm::changed);
    // A test uses the image and docker program as they are in the form, saved or not.
    connect(this, &ToolchainSettingsForm::changed, this, [this] { m_engines->setToolchain(settings()); });
    setSettings(Core::ToolchainSettings{});
}

void ToolchainSettingsForm::setSettings(const Core::ToolchainSettings &settings)
{
    m_base = settings;
    {
        const QSignalBlocker blocker(this);
        m_backend->setCurrentIndex(m_backend->findData(Core::ToolchainSettings::backendName(settings.backend)));
        m_image->setText(settings.image);
        m_container->setText(settings.container);
        m_pulsar2Image->setText(settings.pulsar2Image);
        m_pulsar2Container->setText(settings.pulsar2Container);
        m_toolDirectory->setText(settings.toolDirectory);
        m_concurrency->setValue(settings.maxConcurrency);
        m_timeout->setValue(settings.stepTimeoutMinutes);
        m_engines->setEngines(settings.engines);
    }
    m_engines->setToolchain(settings);
    updateEnabled();
}

Core::ToolchainSettings ToolchainSettingsForm::settings() const
{
    Core::ToolchainSettings s = m_base;
    s.backend = Core::ToolchainSettings::parseBackend(m_backend->currentData().toString()).value_or(s.backend);
    s.image = m_image->text().trimmed();
    s.container = m_container->text().trimmed();
    s.pulsar2Image = m_pulsar2Image->text().trimmed();
    s.pulsar2Container = m_pulsar2Container->text().trimmed();
    s.toolDirectory = m_toolDirectory->text().trimmed();
    s.maxConcurrency = m_concurrency->value();
    s.stepTimeoutMinutes = m_timeout->value();
    s.engines = m_engines->engines();
    return s;
}

void ToolchainSettingsForm::setPulsar2Image(const QString &image)
{
    m_pulsar2Image->setText(image);
    emit changed();
}

void ToolchainSettingsForm::updateEnabled()
{
    const bool docker = m_backend->currentData().toString() == QLatin1String("docker");
    const bool dockerRun = docker && m_container->text().trimmed().isEmpty()
                           && m_pulsar2Container->text().trimmed().isEmpty();
    m_image->setEnabled(docker);
    m_container->setEnabled(docker);
    m_pulsar2Image->setEnabled(docker);
    m_pulsar2Container->setEnabled(docker);
    m_toolDirectory->setEnabled(!docker);
    m_layout->setRowVisible(m_concurrency, !dockerRun);
    m_layout->setRowVisible(m_enginesBox, dockerRun);
}

} // namespace Mcw::Widgets
