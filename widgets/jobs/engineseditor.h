// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/run/dockerengine.h>
#include <core/run/toolchainsettings.h>

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;

namespace Mcw::Core {
class EngineCheck;
} // namespace Mcw::Core

namespace Mcw::Widgets {

class EnginesModel;

/**
 * The Docker engines of the toolchain settings: a table (EnginesModel) with Add, Remove, "Add
 * Docker Contexts" (the CLI's `docker context ls`, read off the GUI thread) and Test, which runs
 * an EngineCheck per selected engine (all when none is selected) and shows what each found in
 * the Status column, with a busy bar and Cancel while they run. Refused edits and removals are
 * explained in a line under the table.
 */
class EnginesEditor : public QWidget
{
    Q_OBJECT

public:
    explicit EnginesEditor(QWidget *parent = nullptr);
    ~EnginesEditor() override;

    void setEngines(const QList<Core::DockerEngine> &engines);
    QList<Core::DockerEngine> engines() const;
    /** The docker program and image the tests and the context list use. */
    void setToolchain(const Core::ToolchainSettings &settings) { m_toolchain = settings; }

    EnginesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *addContextsButton() const { return m_addContexts; }
    QPushButton *testButton() const { return m_test; }
    QPushButton *cancelButton() const { return m_cancel; }
    QLabel *messageLabel() const { return m_message; }
    bool isBusy() const { return !m_checks.isEmpty() || m_contexts.isRunning(); }

    void addEngine();
    void removeSelected();
    void addContexts();
    /** Tests the selected engines, or all when none is selected. */
    void testEngines();
    void cancelTests();

signals:
    void changed();
    void testsFinished();
    void contextsAdded(int count);

private:
    QList<int> selectedRows() const;
    void showMessage(const QString &text, bool problem);
    void updateButtons();

    EnginesModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_add = nullptr;
    QPushButton *m_remove = nullptr;
    QPushButton *m_addContexts = nullptr;
    QPushButton *m_test = nullptr;
    QPushButton *m_cancel = nullptr;
    QProgressBar *m_busy = nullptr;
    QLabel *m_message = nullptr;
    Core::ToolchainSettings m_toolchain;
    QList<Core::EngineCheck *> m_checks; // running; owned (parented to this)
    QFutureWatcher<QList<Core::DockerEngine>> m_contexts;
};

} // namespace Mcw::Widgets
