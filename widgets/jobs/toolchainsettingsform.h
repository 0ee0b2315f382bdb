// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/toolchainsettings.h>

#include <QWidget>

class QComboBox;
class QFormLayout;
class QGroupBox;
class QLineEdit;
class QSpinBox;

namespace Mcw::Widgets {

class EnginesEditor;

/**
 * Edits ToolchainSettings: backend, image, container, tool folder, timeout, and where the steps
 * run: the Docker engines (docker run, EnginesEditor) or, for the native backend and docker exec,
 * how many run at once on this machine.
 */
class ToolchainSettingsForm : public QWidget
{
    Q_OBJECT

public:
    explicit ToolchainSettingsForm(QWidget *parent = nullptr);

    void setSettings(const Core::ToolchainSettings &settings);
    Core::ToolchainSettings settings() const;

    EnginesEditor *enginesEditor() const { return m_engines; }
    QLineEdit *pulsar2ImageEdit() const { return m_pulsar2Image; }
    /** Shows \a image as the Pulsar2 image (an image just loaded), as an edit would. */
    void setPulsar2Image(const QString &image);
    /** "Runs at once on this machine": native and docker exec only (engines have their own). */
    QSpinBox *concurrencySpinBox() const { return m_concurrency; }

signals:
    void changed();

private:
    void updateEnabled();

    Core::ToolchainSettings m_base; // keeps fields the form does not show
    QFormLayout *m_layout = nullptr;
    QComboBox *m_backend = nullptr;
    QLineEdit *m_image = nullptr;
    QLineEdit *m_container = nullptr;
    QLineEdit *m_pulsar2Image = nullptr;
    QLineEdit *m_pulsar2Container = nullptr;
    QLineEdit *m_toolDirectory = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QSpinBox *m_timeout = nullptr;
    QGroupBox *m_enginesBox = nullptr;
    EnginesEditor *m_engines = nullptr;
};

} // namespace Mcw::Widgets
