// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "propertiespanel.h"

#include <widgets/graphview/nodetints.h>

#include <QHeaderView>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace Mcw::Widgets {

static QString tensorSummary(const Core::Tensor *tensor)
{
    if (!tensor)
        return QString();
    return Core::tensorTypeText(tensor->type, tensor->shape);
}

PropertiesPanel::PropertiesPanel(QWidget *parent)
    : QWidget(parent)
    , m_tree(new QTreeWidget(this))
    , m_statsButton(new QPushButton(tr("Compute Weight Statistics"), this))
{
    m_tree->setObjectName(QStringLiteral("propertiesTree"));
    m_tree->setColumnCount(2);
    m_tree->setHeaderLabels({tr("Property"), tr("Value")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_tree->setRootIsDecorated(true);
    m_tree->setUniformRowHeights(true);
    m_statsButton->setObjectName(QStringLiteral("computeStats"));
    m_statsButton->setEnabled(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_statsButton);

    connect(m_tree, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem *item) {
        const QString kind = item->data(0, LinkKindRole).toString();
        if (kind == QLatin1String("tensor"))
            emit tensorActivated(item->data(0, LinkTargetRole).toString());
        else if (kind == QLatin1String("node"))
            emit nodeActivated(item->data(0, LinkTargetRole).toInt());
    });
    connect(m_statsButton, &QPushButton::clicked, this, &PropertiesPanel::computeStats);
    connect(&m_statsWatcher, &QFutureWatcher<QList<StatsRow>>::finished, this, &PropertiesPanel::onStatsFinished);
}

PropertiesPanel::~PropertiesPanel()
{
    m_statsWatcher.waitForFinished();
}

void PropertiesPanel::setGraph(const Core::Graph &graph, const Core::ViewGraph &view)
{
    m_graph = graph;
    m_view = view;
    m_report = {};
    m_hasReport = false;
    m_run = {};
    m_hasRun = false;
    clear();
}

void PropertiesPanel::setOpSupportReport(const Core::OpSupportReport &report)
{
    m_report = report;
    m_hasReport = true;
    if (m_node >= 0)
        showNode(m_node);
}

void PropertiesPanel::setAccuracyRun(const Core::AccuracyRun &run)
{
    m_run = run;
    m_hasRun = true;
    if (m_node >= 0)
        showNode(m_node);
}

void PropertiesPanel::setCalibrationTable(const Core::CalibrationTable &table)
{
    m_calibration = table;
    if (m_node >= 0)
        showNode(m_node);
}

void PropertiesPanel::clearAccuracyRun()
{
    m_run = {};
    m_hasRun = false;
    if (m_node >= 0)
        showNode(m_node);
}

void PropertiesPanel::clear()
{
    m_tree->clear();
    m_node = -1;
    m_weights.clear();
    m_statsButton->setEnabled(false);
    // An empty panel says how to fill it.
    auto *hint = new QTreeWidgetItem(m_tree, {tr("Click a node or an edge in the graph to see its properties.")});
    hint->setFirstColumnSpanned(true);
    hint->setFlags(Qt::NoItemFlags);
    hint->setForeground(0, palette().color(QPalette::Disabled, QPalette::Text));
}

QTreeWidgetItem *PropertiesPanel::section(const QString &title)
{
    auto *item = new QTreeWidgetItem(m_tree, {title});
    QFont font = item->font(0);
    font.setBold(true);
    item->setFont(0, font);
    item->setFirstColumnSpanned(true);
    item->setExpanded(true);
    return item;
}

QTreeWidgetItem *PropertiesPanel::addRow(QTreeWidgetItem *parent, const QString &label, const QString &value)
{
    auto *item = new QTreeWidgetItem(parent, {label, value});
    item->setToolTip(1, value);
    return item;
}

QTreeWidgetItem *PropertiesPanel::addTensorLink(QTreeWidgetItem *parent, const QString &label, const QString &tensor)
{
    const Core::Tensor *t = m_graph.tensor(tensor);
    QTreeWidgetItem *item = addRow(parent, label, tensor + QStringLiteral("  ") + tensorSummary(t));
    item->setData(0, LinkKindRole, QStringLiteral("tensor"));
    item->setData(0, LinkTargetRole, tensor);
    item->setForeground(1, palette().color(QPalette::Link));
    item->setToolTip(0, tr("Click to select this tensor"));
    return item;
}

QTreeWidgetItem *PropertiesPanel::addNodeLink(QTreeWidgetItem *parent, const QString &label, int displayIndex)
{
    const Core::ViewGraph::Node &node = m_view.nodes().at(displayIndex);
    QTreeWidgetItem *item = addRow(parent, label, node.name + QStringLiteral("  (") + node.opType + QLatin1Char(')'));
    item->setData(0, LinkKindRole, QStringLiteral("node"));
    item->setData(0, LinkTargetRole, displayIndex);
    item->setForeground(1, palette().color(QPalette::Link));
    item->setToolTip(0, tr("Click to select this node"));
    return item;
}

QTreeWidgetItem *PropertiesPanel::findItem(const QString &sectionTitle, const QString &label) const
{
    for (int i = 0; i < m_tree->topLevelItemCount(); ++i) {
        QTreeWidgetItem *top = m_tree->topLevelItem(i);
        if (!sectionTitle.isEmpty() && top->text(0) != sectionTitle)
            continue;
        for (int j = 0; j < top->childCount(); ++j) {
            if (top->child(j)->text(0) == label)
                return top->child(j);
        }
    }
    return nullptr;
}

void PropertiesPanel::showNode(int displayIndex)
{
    clear();
    if (displayIndex < 0 || displayIndex >= m_view.nodes().size())
        return;
    m_tree->clear(); // the hint
    m_node = displayIndex;
    const Core::ViewGraph::Node &node = m_view.nodes().at(displayIndex);
    if (node.kind != Core::ViewGraph::Node::Kind::Op) {
        showTensor(node.tensor);
        return;
    }
    m_node = displayIndex;
    const Core::Node &onnx = m_graph.nodes().at(node.onnxNode);
    QTreeWidgetItem *general = section(tr("Node"));
    addRow(general, tr("name"), onnx.name.isEmpty() ? onnx.id : onnx.name);
    addRow(general, tr("type"), onnx.opType);
    addRow(general, tr("domain"), onnx.domain.isEmpty() ? QStringLiteral("ai.onnx") : onnx.domain);
    addRow(general, tr("category"), Core::opCategoryName(node.category));
    if (const Core::NodeSupport *support = m_hasReport ? m_report.node(node.onnxNode) : nullptr) {
        QTreeWidgetItem *verdict = section(tr("Operator support"));
        const QColor color = opSupportColor(m_report.supportClass(node.onnxNode));
        QTreeWidgetItem *row = addRow(verdict, tr("verdict"), Core::opVerdictName(support->verdict));
        row->setData(1, Qt::DecorationRole, color);
        addRow(verdict, tr("reason"), support->reason);
    }
    if (m_hasRun) {
        const Core::AccuracyStage stage = heatMapStage(m_run);
        const double tolerance = m_run.tolerances.value(stage).cosine;
        QTreeWidgetItem *accuracy = nullptr;
        for (const Core::LayerMetrics &layer : m_run.layersOf(stage)) {
            if (!onnx.outputs.contains(layer.onnxTensorName))
                continue;
            if (!accuracy)
                accuracy = section(tr("Accuracy (%1, %2)").arg(m_run.stageTitle(stage), m_run.label));
            addRow(accuracy, tr("tensor"), layer.onnxTensorName);
            QTreeWidgetItem *cosine = addRow(accuracy, tr("cosine"), QString::number(layer.cosine, 'f', 6));
            cosine->setData(1, Qt::DecorationRole, cosineColor(layer.cosine, tolerance - 0.1, tolerance));
            cosine->setToolTip(1, tr("Tolerance %1").arg(tolerance, 0, 'f', 3));
            if (m_run.metrics == Core::AccuracyRun::Metrics::CosineMse) {
                addRow(accuracy, tr("MSE"), QString::number(layer.mse, 'f', 6)); // Pulsar2 measures no more
            } else {
                addRow(accuracy, tr("euclidean"), QString::number(layer.euclidean, 'f', 6));
                addRow(accuracy, tr("SQNR"), QString::number(layer.sqnr, 'f', 2) + QStringLiteral(" dB"));
            }
            addRow(accuracy, tr("status"), Core::compareStatusToken(layer.status));
        }
    }
    // tpu-mlir names a tensor "<ONNX output>_<OpType>" in its calibration table.
    QTreeWidgetItem *calibration = nullptr;
    for (const QString &output : onnx.outputs) {
        const Core::CalibrationTable::Threshold *t = m_calibration.find(output + QLatin1Char('_') + onnx.opType);
        if (!t)
            t = m_calibration.find(output);
        if (!t)
            continue;
        if (!calibration)
            calibration = section(tr("Calibration"));
        addRow(calibration, tr("tensor"), t->name);
        addRow(calibration, tr("threshold"), QString::number(t->threshold, 'g', 8));
        addRow(calibration, tr("min / max"),
               QStringLiteral("%1 / %2").arg(QString::number(t->min, 'g', 8), QString::number(t->max, 'g', 8)));
    }
    if (!onnx.attributes.isEmpty()) {
        QTreeWidgetItem *attributes = section(tr("Attributes"));
        for (const Core::Attribute &attribute : onnx.attributes)
            addRow(attributes, attribute.name, attribute.toDisplayString());
    }
    QTreeWidgetItem *inputs = section(tr("Inputs"));
    QTreeWidgetItem *weights = nullptr;
    for (int i = 0; i < onnx.inputs.size(); ++i) {
        const QString &input = onnx.inputs.at(i);
        if (input.isEmpty())
            continue;
        const Core::Tensor *t = m_graph.tensor(input);
        if (t && (t->isInitializer || t->isConstant) && !t->isGraphInput) {
            if (!weights)
                weights = section(tr("Weights"));
            QTreeWidgetItem *row = addRow(weights, input, tensorSummary(t));
            row->setData(0, LinkTargetRole, input);
            m_weights.append(input);
            continue;
        }
        addTensorLink(inputs, QString::number(i), input);
    }
    QTreeWidgetItem *outputs = section(tr("Outputs"));
    for (int i = 0; i < onnx.outputs.size(); ++i) {
        if (!onnx.outputs.at(i).isEmpty())
            addTensorLink(outputs, QString::number(i), onnx.outputs.at(i));
    }
    m_statsButton->setEnabled(!m_weights.isEmpty());
}

void PropertiesPanel::showTensor(const QString &tensor)
{
    clear();
    const Core::Tensor *t = m_graph.tensor(tensor);
    if (!t)
        return;
    m_tree->clear(); // the hint
    QTreeWidgetItem *general = section(tr("Tensor"));
    addRow(general, tr("name"), t->name);
    addRow(general, tr("type"), Core::dataTypeName(t->type));
    addRow(general, tr("shape"), t->shape.displayText());
    if (t->isGraphInput)
        addRow(general, tr("role"), tr("graph input"));
    if (t->isGraphOutput)
        addRow(general, tr("role"), tr("graph output"));
    QTreeWidgetItem *producer = section(tr("Producer"));
    const int from = m_view.producerOfTensor(tensor);
    if (from >= 0)
        addNodeLink(producer, tr("node"), from);
    else
        addRow(producer, tr("node"), t->isInitializer ? tr("initializer") : tr("none"));
    QTreeWidgetItem *consumers = section(tr("Consumers"));
    for (int onnxIndex : t->consumers) {
        const int display = m_view.displayNodeOfOnnxNode(onnxIndex);
        if (display >= 0)
            addNodeLink(consumers, QString::number(consumers->childCount()), display);
    }
    const int output = m_view.outputNodeOfTensor(tensor);
    if (output >= 0)
        addNodeLink(consumers, tr("output"), output);
}

void PropertiesPanel::computeStats()
{
    if (m_weights.isEmpty() || m_statsWatcher.isRunning())
        return;
    m_statsButton->setEnabled(false);
    const Core::Graph graph = m_graph;
    const QStringList weights = m_weights;
    m_statsWatcher.setFuture(QtConcurrent::run([graph, weights] {
        QList<StatsRow> rows;
        for (const QString &name : weights) {
            const Core::Expected<Core::TensorData> data = graph.initializerData(name);
            if (!data) {
                rows.append({name, data.error().message});
                continue;
            }
            const Core::TensorStats s = Core::computeStats(*data);
            rows.append({name, tr("min %1, max %2, mean %3, std %4, zeros %5 %")
                                   .arg(s.min, 0, 'g', 5).arg(s.max, 0, 'g', 5).arg(s.mean, 0, 'g', 5)
                                   .arg(s.stddev, 0, 'g', 5).arg(s.sparsity * 100.0, 0, 'f', 1)});
        }
        return rows;
    }));
}

void PropertiesPanel::onStatsFinished()
{
    const QList<StatsRow> rows = m_statsWatcher.result();
    for (const StatsRow &row : rows) {
        QTreeWidgetItem *item = findItem(tr("Weights"), row.tensor);
        if (!item)
            continue; // the panel moved on to another node meanwhile
        QTreeWidgetItem *stats = addRow(item, tr("statistics"), row.text);
        stats->setData(0, LinkKindRole, QStringLiteral("stats"));
        item->setExpanded(true);
    }
    emit statsReady();
}

} // namespace Mcw::Widgets
