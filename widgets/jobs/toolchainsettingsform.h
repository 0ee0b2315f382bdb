// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/toolchainsettings.h>

#include <QWidget>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace Mcw::Widgets {

/** Edits ToolchainSettings: backend, image, container, tool folder, concurrency, timeout. */
class ToolchainSettingsForm : public QWidget
{
    Q_OBJECT

public:
    explicit ToolchainSettingsForm(QWidget *parent = nullptr);

    void setSettings(const Core::ToolchainSettings &settings);
    Core::ToolchainSettings settings() const;

signals:
    void changed();

private:
    void updateEnabled();

    Core::ToolchainSettings m_base; // keeps fields the form does not show
    QComboBox *m_backend = nullptr;
    QLineEdit *m_image = nullptr;
    QLineEdit *m_container = nullptr;
    QLineEdit *m_toolDirectory = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QSpinBox *m_timeout = nullptr;
};

} // namespace Mcw::Widgets
