// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "engineseditor.h"

#include <core/run/enginecheck.h>
#include <widgets/jobs/enginesitemdelegate.h>
#include <widgets/jobs/enginesmodel.h>

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace Mcw::Widgets {

using Core::DockerEngine;
using Core::EngineCheck;

EnginesEditor::EnginesEditor(QWidget *parent)
    : QWidget(parent)
    , m_model(new EnginesModel(this))
    , m_view(new QTableView(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_addContexts(new QPushButton(tr("Add Docker Contexts"), this))
    , m_test(new QPushButton(tr("Test All"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_busy(new QProgressBar(this))
    , m_message(new QLabel(this))
{
    m_view->setModel(m_model);
    m_view->setItemDelegate(new EnginesItemDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::SelectedClicked);
    m_view->verticalHeader()->hide();
    // A warning or an error is a sentence: rows grow to show it whole.
    m_view->setWordWrap(true);
    m_view->setTextElideMode(Qt::ElideNone);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(EnginesModel::StatusColumn, QHeaderView::Stretch);
    m_view->setMinimumHeight(120);

    m_add->setToolTip(tr("Add an engine; then type its docker context or address (ssh://user@host, tcp://host:2376)"));
    m_addContexts->setToolTip(tr("Add the docker CLI's contexts (docker context ls) that are not listed yet"));
    m_test->setToolTip(tr("Check that the engines answer, have the toolchain image and see this machine's files"));
    m_busy->setRange(0, 0); // a busy bar: the checks do not know how long the engines take
    m_busy->setMaximumWidth(120);
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_cancel->hide();
    m_message->setWordWrap(true);
    m_message->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_addContexts);
    buttons->addStretch(1);
    buttons->addWidget(m_busy);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_test);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_add, &QPushButton::clicked, this, &EnginesEditor::addEngine);
    connect(m_remove, &QPushButton::clicked, this, &EnginesEditor::removeSelected);
    connect(m_addContexts, &QPushButton::clicked, this, &EnginesEditor::addContexts);
    connect(m_test, &QPushButton::clicked, this, &EnginesEditor::testEngines);
    connect(m_cancel, &QPushButton::clicked, this, &EnginesEditor::cancelTests);
    connect(m_model, &EnginesModel::editRefused, this, [this](const QString &why) { showMessage(why, true); });
    connect(m_model, &EnginesModel::enginesChanged, this, &EnginesEditor::changed);
    connect(m_model, &QAbstractItemModel::dataChanged, m_view, &QTableView::resizeRowsToContents);
    connect(m_model, &QAbstractItemModel::modelReset, m_view, &QTableView::resizeRowsToContents);
    connect(m_model, &QAbstractItemModel::rowsInserted, m_view, &QTableView::resizeRowsToContents);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, m_view, &QTableView::resizeRowsToContents);
    connect(m_model, &QAbstractItemModel::modelReset, this, &EnginesEditor::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &EnginesEditor::updateButtons);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &EnginesEditor::updateButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EnginesEditor::updateButtons);
    connect(&m_contexts, &QFutureWatcher<QList<DockerEngine>>::finished, this, [this] {
        const QList<DockerEngine> contexts = m_contexts.result();
        updateButtons();
        if (contexts.isEmpty()) {
            showMessage(tr("The docker CLI (%1) lists no contexts, or did not answer.")
                            .arg(m_toolchain.dockerProgram),
                        true);
            return;
        }
        const int added = m_model->addMissing(contexts);
        QStringList names;
        for (const DockerEngine &e : contexts)
            names.append(e.name);
        showMessage(added > 0 ? tr("Added %n docker context(s); press Test to check them.", nullptr, added)
                              : tr("Every docker context (%1) is listed already.")
                                    .arg(names.join(QStringLiteral(", "))),
                    false);
        emit contextsAdded(added);
    });
    updateButtons();
}

EnginesEditor::~EnginesEditor()
{
    // The context list's thread holds a docker process; it gives up after its timeout.
    m_contexts.waitForFinished();
    for (EngineCheck *check : std::as_const(m_checks)) {
        disconnect(check, nullptr, this, nullptr);
        check->cancel();
    }
}

void EnginesEditor::setEngines(const QList<DockerEngine> &engines)
{
    m_model->setEngines(engines);
    m_message->hide();
}

QList<DockerEngine> EnginesEditor::engines() const
{
    return m_model->engines();
}

QList<int> EnginesEditor::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    return rows;
}

void EnginesEditor::showMessage(const QString &text, bool problem)
{
    m_message->setText(text);
    m_message->setStyleSheet(problem ? QStringLiteral("color: #c62828;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void EnginesEditor::updateButtons()
{
    const bool testing = !m_checks.isEmpty();
    const bool selection = !selectedRows().isEmpty();
    m_add->setEnabled(!testing);
    m_remove->setEnabled(!testing && selection);
    m_addContexts->setEnabled(!testing && !m_contexts.isRunning());
    m_test->setEnabled(!testing && m_model->rowCount() > 0);
    m_test->setText(selection ? tr("Test Selected") : tr("Test All"));
    m_busy->setVisible(testing || m_contexts.isRunning());
    m_cancel->setVisible(testing);
    // Edits while a test runs would make its result about another engine.
    m_view->setEditTriggers(testing ? QAbstractItemView::NoEditTriggers
                                    : QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                          | QAbstractItemView::SelectedClicked);
}

void EnginesEditor::addEngine()
{
    DockerEngine e;
    e.name = m_model->freeName(QStringLiteral("engine"));
    if (const QString problem = m_model->addEngine(e); !problem.isEmpty()) {
        showMessage(problem, true);
        return;
    }
    m_message->hide();
    const QModelIndex address = m_model->index(m_model->rowCount() - 1, EnginesModel::AddressColumn);
    m_view->setCurrentIndex(address);
    m_view->edit(address);
}

void EnginesEditor::removeSelected()
{
    QList<int> rows = selectedRows();
    // From the bottom, so the rows above keep their numbers.
    std::reverse(rows.begin(), rows.end());
    for (int row : std::as_const(rows)) {
        if (const QString problem = m_model->removeEngine(row); !problem.isEmpty()) {
            showMessage(problem, true);
            return;
        }
    }
    m_message->hide();
}

void EnginesEditor::addContexts()
{
    if (m_contexts.isRunning())
        return;
    const QString program = m_toolchain.dockerProgram;
    m_contexts.setFuture(QtConcurrent::run([program] { return EngineCheck::listContexts(program); }));
    updateButtons();
}

void EnginesEditor::testEngines()
{
    if (!m_checks.isEmpty())
        return;
    QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        for (int i = 0; i < m_model->rowCount(); ++i)
            rows.append(i);
    }
    m_message->hide();
    for (int row : std::as_const(rows)) {
        const DockerEngine engine = m_model->engineAt(row);
        auto *check = new EngineCheck(m_toolchain, engine, this);
        m_checks.append(check);
        m_model->setTesting(engine.name, true);
        connect(check, &EngineCheck::finished, this, [this, check] {
            m_checks.removeOne(check);
            m_model->setCheckResult(check->result());
            check->deleteLater();
            updateButtons();
            if (m_checks.isEmpty())
                emit testsFinished();
        });
    }
    updateButtons();
    // Started after all are listed: a check that fails at once must not end the batch early.
    for (EngineCheck *check : QList<EngineCheck *>(m_checks))
        check->start();
}

void EnginesEditor::cancelTests()
{
    if (!m_checks.isEmpty())
        showMessage(tr("Test cancelled; the engines keep what an earlier test found."), false);
    for (EngineCheck *check : QList<EngineCheck *>(m_checks))
        check->cancel();
}

} // namespace Mcw::Widgets
