// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "toolchainsettingsform.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace Mcw::Widgets {

ToolchainSettingsForm::ToolchainSettingsForm(QWidget *parent)
    : QWidget(parent)
    , m_backend(new QComboBox(this))
    , m_image(new QLineEdit(this))
    , m_container(new QLineEdit(this))
    , m_toolDirectory(new QLineEdit(this))
    , m_concurrency(new QSpinBox(this))
    , m_timeout(new QSpinBox(this))
{
    m_backend->addItem(tr("Docker"), QStringLiteral("docker"));
    m_backend->addItem(tr("Native (tools on PATH)"), QStringLiteral("native"));
    m_container->setPlaceholderText(tr("empty: a new container per step from the image"));
    m_toolDirectory->setPlaceholderText(tr("e.g. ~/tpu-venv/bin; empty: PATH"));
    m_concurrency->setRange(1, 8);
    m_timeout->setRange(0, 24 * 60);
    m_timeout->setSuffix(tr(" min"));
    m_timeout->setSpecialValueText(tr("none"));

    auto *form = new QFormLayout(this);
    form->addRow(tr("Backend:"), m_backend);
    form->addRow(tr("Docker image:"), m_image);
    form->addRow(tr("Running container:"), m_container);
    form->addRow(tr("Tool folder:"), m_toolDirectory);
    form->addRow(tr("Runs at once:"), m_concurrency);
    form->addRow(tr("Step timeout:"), m_timeout);

    connect(m_backend, &QComboBox::currentIndexChanged, this, [this] {
        updateEnabled();
        emit changed();
    });
    for (QLineEdit *edit : {m_image, m_container, m_toolDirectory})
        connect(edit, &QLineEdit::textEdited, this, &ToolchainSettingsForm::changed);
    for (QSpinBox *spin : {m_concurrency, m_timeout})
        connect(spin, &QSpinBox::valueChanged, this, &ToolchainSettingsForm::changed);
    setSettings(Core::ToolchainSettings{});
}

void ToolchainSettingsForm::setSettings(const Core::ToolchainSettings &settings)
{
    m_base = settings;
    const QSignalBlocker blocker(this);
    m_backend->setCurrentIndex(m_backend->findData(Core::ToolchainSettings::backendName(settings.backend)));
    m_image->setText(settings.image);
    m_container->setText(settings.container);
    m_toolDirectory->setText(settings.toolDirectory);
    m_concurrency->setValue(settings.maxConcurrency);
    m_timeout->setValue(settings.stepTimeoutMinutes);
    updateEnabled();
}

Core::ToolchainSettings ToolchainSettingsForm::settings() const
{
    Core::ToolchainSettings s = m_base;
    s.backend = Core::ToolchainSettings::parseBackend(m_backend->currentData().toString()).value_or(s.backend);
    s.image = m_image->text().trimmed();
    s.container = m_container->text().trimmed();
    s.toolDirectory = m_toolDirectory->text().trimmed();
    s.maxConcurrency = m_concurrency->value();
    s.stepTimeoutMinutes = m_timeout->value();
    return s;
}

void ToolchainSettingsForm::updateEnabled()
{
    const bool docker = m_backend->currentData().toString() == QLatin1String("docker");
    m_image->setEnabled(docker);
    m_container->setEnabled(docker);
    m_toolDirectory->setEnabled(!docker);
}

} // namespace Mcw::Widgets
