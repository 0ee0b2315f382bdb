// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/accuracyrun.h>
#include <core/accuracy/calibrationtable.h>
#include <core/layout/viewgraph.h>
#include <core/onnx/graph.h>
#include <core/opsupport/opsupportreport.h>

#include <QFutureWatcher>
#include <QWidget>

class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace Mcw::Widgets {

/**
 * Netron's node and connection sidebars in one panel. A node shows name, type, domain,
 * attributes, inputs/outputs with shapes and its weights (statistics on demand, computed off
 * the UI thread); a tensor shows type, shape, producer and consumers. Tensors and nodes in the
 * panel are links: clicking one asks the view to jump there.
 */
class PropertiesPanel : public QWidget
{
    Q_OBJECT

public:
    enum ItemRole { LinkKindRole = Qt::UserRole + 1, LinkTargetRole };

    explicit PropertiesPanel(QWidget *parent = nullptr);
    ~PropertiesPanel() override;

    /** Drops the support report and the accuracy run (they belong to the previous graph). */
    void setGraph(const Core::Graph &graph, const Core::ViewGraph &view);
    /** Adds an "Operator support" section (verdict and reason) to every op node shown. */
    void setOpSupportReport(const Core::OpSupportReport &report);
    /** Adds an "Accuracy" section (the node's output tensor metrics) to every op node shown. */
    void setAccuracyRun(const Core::AccuracyRun &run);
    void clearAccuracyRun();
    /** The run's calibration table: a node shows its output's threshold, min and max. */
    void setCalibrationTable(const Core::CalibrationTable &table);
    void showNode(int displayIndex);
    void showTensor(const QString &tensor);
    void clear();

    QTreeWidget *tree() const { return m_tree; }
    QPushButton *statsButton() const { return m_statsButton; }
    /** Finds the first item whose first column is \a label under \a section ("" = any). */
    QTreeWidgetItem *findItem(const QString &section, const QString &label) const;
    bool isComputingStats() const { return m_statsWatcher.isRunning(); }

signals:
    void nodeActivated(int displayIndex);
    void tensorActivated(const QString &tensor);
    void statsReady();

private:
    struct StatsRow
    {
        QString tensor;
        QString text; // "min … max …" or the error sentence
    };

    QTreeWidgetItem *section(const QString &title);
    QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QString &label, const QString &value);
    QTreeWidgetItem *addTensorLink(QTreeWidgetItem *parent, const QString &label, const QString &tensor);
    QTreeWidgetItem *addNodeLink(QTreeWidgetItem *parent, const QString &label, int displayIndex);
    void computeStats();
    void onStatsFinished();

    Core::Graph m_graph;
    Core::ViewGraph m_view;
    Core::OpSupportReport m_report;
    bool m_hasReport = false;
    Core::AccuracyRun m_run;
    bool m_hasRun = false;
    Core::CalibrationTable m_calibration;
    int m_node = -1;
    QStringList m_weights; // initializer inputs of the shown node
    QTreeWidget *m_tree;
    QPushButton *m_statsButton;
    QFutureWatcher<QList<StatsRow>> m_statsWatcher;
};

} // namespace Mcw::Widgets
