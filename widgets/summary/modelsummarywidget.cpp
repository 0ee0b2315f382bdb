// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "modelsummarywidget.h"

#include <core/onnx/modelsummary.h>

#include <QHeaderView>
#include <QJsonArray>
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
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_tree->header()->setStretchLastSection(true);
    m_tree->setColumnWidth(0, fontMetrics().horizontalAdvance(QStringLiteral("Recommended cut")) + 40);
    m_tree->setTextElideMode(Qt::ElideMiddle);
    m_tree->setAlternatingRowColors(true);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree);
}

static QTreeWidgetItem *addRow(QTreeWidgetItem *parent, const QString &key, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {key, value});
    item->setToolTip(1, value);
    return item;
}

void ModelSummaryWidget::setGraph(const Core::Graph &graph)
{
    m_graph = graph;
    m_tree->clear();
    if (graph.isNull())
        return;
    // The same facts `maixcam-convert inspect` prints (core ModelSummary).
    const QJsonObject summary = Core::ModelSummary::toJson(graph);
    auto *family = new QTreeWidgetItem(m_tree, {tr("Family")});
    const QString task = summary.value(QStringLiteral("task")).toString();
    addRow(family, tr("Family"), summary.value(QStringLiteral("family")).toString());
    addRow(family, tr("Task"), task.isEmpty() ? tr("unknown") : task);
    const int classes = summary.value(QStringLiteral("class_count")).toInt();
    addRow(family, tr("Classes"), classes > 0 ? QString::number(classes) : tr("unknown"));
    auto addCut = [&](const QString &title, const QString &key) {
        const QJsonArray names = summary.value(key).toArray();
        if (names.isEmpty())
            return;
        auto *cut = addRow(family, title, QString::number(names.size()));
        for (const QJsonValue &name : names) {
            const Core::Tensor *t = graph.tensor(name.toString());
            addRow(cut, name.toString(),
                   t ? QStringLiteral("%1 [%2]").arg(Core::dataTypeName(t->type), t->shape.toString())
                     : QString());
        }
    };
    addCut(tr("Recommended cut"), QStringLiteral("recommended_outputs"));
    addCut(tr("Alternative cut"), QStringLiteral("alternative_outputs"));
    addRow(family, tr("Why"), summary.value(QStringLiteral("family_reason")).toString());

    auto *model = new QTreeWidgetItem(m_tree, {tr("Model")});
    addRow(model, tr("File"), graph.filePath());
    addRow(model, tr("IR version"), QString::number(graph.irVersion()));
    QStringList opsets;
    for (const Core::OpsetImport &op : graph.opsetImports())
        opsets.append(QStringLiteral("%1 %2").arg(op.domain.isEmpty() ? QStringLiteral("ai.onnx") : op.domain).arg(op.version));
    addRow(model, tr("Opsets"), opsets.join(QStringLiteral(", ")));
    addRow(model, tr("Producer"), QStringLiteral("%1 %2").arg(graph.producerName(), graph.producerVersion()).trimmed());
    addRow(model, tr("Nodes"), QString::number(graph.nodes().size()));
    addRow(model, tr("Parameters"), QLocale().toString(graph.parameterCount()));

    auto addTensors = [&](const QString &title, const QStringList &names) {
        auto *group = new QTreeWidgetItem(m_tree, {title});
        for (const QString &name : names) {
            const Core::Tensor *t = graph.tensor(name);
            addRow(group, name,
                   t ? QStringLiteral("%1 [%2]").arg(Core::dataTypeName(t->type), t->shape.toString())
                     : QString());
        }
    };
    addTensors(tr("Inputs"), graph.inputNames());
    addTensors(tr("Outputs"), graph.outputNames());

    auto *ops = new QTreeWidgetItem(m_tree, {tr("Operators")});
    const QHash<QString, int> histogram = graph.opHistogram();
    QList<QPair<int, QString>> sorted;
    for (auto it = histogram.cbegin(); it != histogram.cend(); ++it)
        sorted.append({-it.value(), it.key()});
    std::sort(sorted.begin(), sorted.end());
    for (const auto &entry : std::as_const(sorted))
        addRow(ops, entry.second, QString::number(-entry.first));

    const QList<Core::MetadataEntry> metadata = graph.modelMetadata();
    if (!metadata.isEmpty()) {
        auto *meta = new QTreeWidgetItem(m_tree, {tr("Metadata")});
        for (const Core::MetadataEntry &e : metadata)
            addRow(meta, e.key, e.value);
    }
    m_tree->expandAll();
}

} // namespace Mcw::Widgets
