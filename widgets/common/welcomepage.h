// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QListWidget;
class QPushButton;

namespace Mcw::Widgets {

/**
 * First-run page: open a model, open a project, open the bundled sample, recent items, and a
 * line on whether the tpu-mlir toolchain is ready (everything before Convert works without it).
 */
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    explicit WelcomePage(QWidget *parent = nullptr);

    void setRecentModels(const QStringList &paths);
    void setRecentProjects(const QStringList &paths);
    void setSampleAvailable(bool available);
    /** \a ready false shows \a text as a warning with the "Set up toolchain…" button. */
    void setToolchainStatus(const QString &text, bool ready);

signals:
    void openModelRequested();
    void openProjectRequested();
    void openSampleRequested();
    void setUpToolchainRequested();
    void recentModelActivated(const QString &path);
    void recentProjectActivated(const QString &path);

private:
    QListWidget *m_recentModels = nullptr;
    QListWidget *m_recentProjects = nullptr;
    QPushButton *m_sample = nullptr;
    QLabel *m_toolchain = nullptr;
    QPushButton *m_setUpToolchain = nullptr;
};

} // namespace Mcw::Widgets
