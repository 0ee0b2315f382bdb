// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelsummarywidget.h"

#include <core/onnx/modelsummary.h>

#include <QHeaderView>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Mcw::Widgets {

ModelSummaryWidget::ModelSummaryWidget(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Property"), tr("Value")});
    // A narrow dock must still show values: keys get a fixed share, values take the rest.
    // Tensor rows span both columns (addTensorRow()).
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    // "Recommended cut" sits two levels deep.
    m_tree->setColumnWidth(0, fontMetrics().horizontalAdvance(QStringLiteral("Recommended cut"))
                                  + 2 * m_tree->indentation() + 24);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setAlternatingRowColors(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}

static QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QString &key, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {key, value});
    item->setToolTip(0, key);
    item->setToolTip(1, value);
    return item;
}

// Tensor names run to 30+ characters and types to 20: side by side in a dock a fifth of the
// window wide both were elided ("/mode…put_0"). The row spans both columns, the type under
// the name; what still does not fit is elided in the middle and shown whole as a tooltip.
static QTreeWidgetItem *addTensorRow(QTreeWidgetItem *parent, const QString &name, const QString &type)
{
    const QString text = type.isEmpty() ? name : name + QLatin1Char('\n') + type;
    auto *item = new QTreeWidgetItem(parent, {text});
    item->setData(0, ModelSummaryWidget::TensorNameRole, name);
    item->setData(0, ModelSummaryWidget::TensorTypeRole, type);
    item->setToolTip(0, text);
    item->setFirstColumnSpanned(true);
    return item;
}

void ModelSummaryWidget::setGraph(const Core::Graph &graph)
{
    m_graph = graph;
    m_tree->clear();
    if (graph.isNull())
        return;
    // The same facts `maixcam-convert inspect` prints (core ModelSummary).
    const Core::ModelSummary summary = Core::ModelSummary::of(graph);
    const auto tensorText = [](const Core::ModelSummary::TensorInfo &t) {
        if (!t.shape.known && t.dtype == Core::dataTypeName(Core::DataType::Undefined))
            return QString(); // not a tensor of this graph
        return t.text();
    };
    auto *family = new QTreeWidgetItem(m_tree, {tr("Family")});
    addRow(family, tr("Family"), summary.family.family);
    addRow(family, tr("Task"), summary.family.task.isEmpty() ? tr("unknown") : summary.family.task);
    const int classes = summary.family.classCount;
    addRow(family, tr("Classes"), classes > 0 ? QString::number(classes) : tr("unknown"));
    auto addCut = [&](const QString &title, const QList<Core::ModelSummary::TensorInfo> &tensors) {
        if (tensors.isEmpty())
            return;
        auto *cut = addRow(family, title, QString::number(tensors.size()));
        for (const Core::ModelSummary::TensorInfo &t : tensors)
            addTensorRow(cut, t.name, tensorText(t));
    };
    addCut(tr("Recommended cut"), summary.recommendedCut);
    addCut(tr("Alternative cut"), summary.alternativeCut);
    addRow(family, tr("Why"), summary.family.reason);

    auto *model = new QTreeWidgetItem(m_tree, {tr("Model")});
    addRow(model, tr("File"), summary.file);
    addRow(model, tr("IR version"), QString::number(summary.irVersion));
    QStringList opsets;
    for (const Core::OpsetImport &op : summary.opsets)
        opsets.append(QStringLiteral("%1 %2").arg(op.domain.isEmpty() ? QStringLiteral("ai.onnx") : op.domain).arg(op.version));
    addRow(model, tr("Opsets"), opsets.join(QStringLiteral(", ")));
    addRow(model, tr("Producer"), QStringLiteral("%1 %2").arg(summary.producerName, summary.producerVersion).trimmed());
    addRow(model, tr("Nodes"), QString::number(summary.nodeCount));
    addRow(model, tr("Parameters"), QLocale().toString(summary.parameterCount));

    auto addTensors = [&](const QString &title, const QList<Core::ModelSummary::TensorInfo> &tensors) {
        auto *group = new QTreeWidgetItem(m_tree, {title});
        for (const Core::ModelSummary::TensorInfo &t : tensors)
            addTensorRow(group, t.name, tensorText(t));
    };
    addTensors(tr("Inputs"), summary.inputs);
    addTensors(tr("Outputs"), summary.outputs);

    auto *ops = new QTreeWidgetItem(m_tree, {tr("Operators")});
    for (const auto &[op, count] : summary.opCounts)
        addRow(ops, op, QString::number(count));

    if (!summary.metadata.isEmpty()) {
        auto *meta = new QTreeWidgetItem(m_tree, {tr("Metadata")});
        for (const Core::MetadataEntry &e : summary.metadata)
            addRow(meta, e.key, e.value);
    }
    m_tree->expandAll();
}

} // namespace Mcw::Widgets
