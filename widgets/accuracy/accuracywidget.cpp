// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accuracywidget.h"

#include <core/accuracy/metricsexport.h>
#include <core/accuracy/runcomparison.h>
#include <core/atomicfile.h>
#include <widgets/accuracy/accuracychartview.h>
#include <widgets/accuracy/layermetricsfiltermodel.h>
#include <widgets/accuracy/layermetricsmodel.h>
#include <widgets/accuracy/rundeltamodel.h>

#include <QAction>
#include <QBuffer>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace Mcw::Widgets {

AccuracyWidget::AccuracyWidget(QWidget *parent)
    : QWidget(parent)
{
    m_chart = new AccuracyChartView(this);
    m_model = new LayerMetricsModel(this);
    m_filter = new LayerMetricsFilterModel(this);
    m_filter->setSourceModel(m_model);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("layerTable"));
    m_table->setModel(m_filter);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(LayerMetricsModel::IndexColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(LayerMetricsModel::TensorColumn,
                                                      QHeaderView::Stretch);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setColumnHidden(LayerMetricsModel::StageColumn, true); // the stage box says it

    m_deltaModel = new RunDeltaModel(this);
    auto *deltaProxy = new QSortFilterProxyModel(this);
    deltaProxy->setSourceModel(m_deltaModel);
    deltaProxy->setSortRole(RunDeltaModel::SortRole);
    m_deltaTable = new QTableView(this);
    m_deltaTable->setObjectName(QStringLiteral("deltaTable"));
    m_deltaTable->setModel(deltaProxy);
    m_deltaTable->setSortingEnabled(true);
    m_deltaTable->sortByColumn(-1, Qt::AscendingOrder); // network order until the user sorts
    m_deltaTable->setWordWrap(false);
    m_deltaTable->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_deltaTable->verticalHeader()->hide();
    m_deltaTable->horizontalHeader()->setSectionResizeMode(RunDeltaModel::TensorColumn,
                                                           QHeaderView::Stretch);
    m_divergenceLabel = new QLabel(this);
    m_divergenceLabel->setObjectName(QStringLiteral("divergenceLabel"));
    m_divergenceLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *toolbar = new QToolBar(this);
    m_stageBox = new QComboBox(this);
    m_stageBox->setObjectName(QStringLiteral("stageBox"));
    toolbar->addWidget(new QLabel(tr("Stage "), this));
    toolbar->addWidget(m_stageBox);
    m_jumpAction = toolbar->addAction(tr("Jump to first failing layer"));
    m_jumpAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_J));
    m_keepAction = toolbar->addAction(tr("Keep in BF16"));
    m_keepAction->setToolTip(tr("Keep the selected layers in BF16 (writes a quantize table and "
                                "re-deploys)"));
    m_keepAction->setEnabled(false);
    auto *exportButton = new QToolButton(this);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    QAction *png = new QAction(tr("Chart as PNG…"), this);
    QAction *svg = new QAction(tr("Chart as SVG…"), this);
    QAction *csv = new QAction(tr("Metrics as CSV…"), this);
    QAction *netron = new QAction(tr("Netron attachment (JSON)…"), this);
    exportButton->addActions({png, svg, csv, netron});
    toolbar->addWidget(exportButton);
    toolbar->addSeparator();
    m_filterEdit = new QLineEdit(this);
    m_filterEdit->setPlaceholderText(tr("Filter tensor or op…"));
    m_filterEdit->setClearButtonEnabled(true);
    toolbar->addWidget(m_filterEdit);
    m_failingOnly = new QCheckBox(tr("Failing only"), this);
    toolbar->addWidget(m_failingOnly);
    m_messageLabel = new QLabel(this);
    m_messageLabel->setObjectName(QStringLiteral("messageLabel"));
    toolbar->addWidget(m_messageLabel);

    auto *deltaPane = new QWidget(this);
    auto *deltaLayout = new QVBoxLayout(deltaPane);
    deltaLayout->setContentsMargins(0, 0, 0, 0);
    deltaLayout->addWidget(m_divergenceLabel);
    deltaLayout->addWidget(m_deltaTable);
    deltaPane->setObjectName(QStringLiteral("comparisonPane"));
    deltaPane->hide();

    auto *tables = new QSplitter(Qt::Horizontal, this);
    tables->addWidget(m_table);
    tables->addWidget(deltaPane);
    tables->setSizes({500, 500});
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_chart);
    splitter->addWidget(tables);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({600, 300});
    // Low enough that the bottom dock (Problems, Jobs, Accuracy share its height) can stay
    // small while the graph is edited; the window enlarges it when results are shown.
    m_chart->setMinimumHeight(110);
    tables->setMinimumHeight(48);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolbar);
    layout->addWidget(splitter);

    connect(m_stageBox, &QComboBox::activated, this, [this](int i) {
        setStage(Core::AccuracyStage(m_stageBox->itemData(i).toInt()));
    });
    connect(m_jumpAction, &QAction::triggered, this, [this] { jumpToFirstFailing(); });
    connect(m_keepAction, &QAction::triggered, this, [this] {
        QStringList names;
        for (const Core::LayerMetrics &m : selectedLayers())
            names.append(m.tensorName);
        if (names.isEmpty())
            return;
        bool allKept = true;
        for (const QString &name : std::as_const(names))
            allKept = allKept && m_keptInBf16.contains(name);
        if (allKept)
            emit backToInt8Requested(names);
        else
            emit keepInBf16Requested(names);
    });
    connect(m_filterEdit, &QLineEdit::textChanged, m_filter, &LayerMetricsFilterModel::setText);
    connect(m_failingOnly, &QCheckBox::toggled, m_filter, &LayerMetricsFilterModel::setFailingOnly);
    connect(m_chart, &AccuracyChartView::layerClicked, this, &AccuracyWidget::onChartClicked);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::selectionChanged,
            this,
            &AccuracyWidget::syncChartSelection);
    connect(m_table->selectionModel(),
            &QItemSelectionModel::currentRowChanged,
            this,
            &AccuracyWidget::onTableCurrentChanged);
    connect(m_deltaTable, &QTableView::activated, this, [this, deltaProxy](const QModelIndex &i) {
        const QString onnx = deltaProxy->data(i, RunDeltaModel::OnnxTensorRole).toString();
        const QList<Core::LayerMetrics> layers = m_model->layers();
        for (int r = 0; r < layers.size(); ++r) {
            if (layers[r].onnxTensorName == onnx) {
                activateLayer(r);
                return;
            }
        }
    });
    connect(png, &QAction::triggered, this, [this] {
        askAndExport(tr("PNG image (*.png)"), QStringLiteral(".png"), &AccuracyWidget::exportPng);
    });
    connect(svg, &QAction::triggered, this, [this] {
        askAndExport(tr("SVG image (*.svg)"), QStringLiteral(".svg"), &AccuracyWidget::exportSvg);
    });
    connect(csv, &QAction::triggered, this, [this] {
        askAndExport(tr("CSV (*.csv)"), QStringLiteral(".csv"), &AccuracyWidget::exportCsv);
    });
    connect(netron, &QAction::triggered, this, [this] {
        askAndExport(tr("Netron attachment (*.json)"),
                     QStringLiteral(".json"),
                     &AccuracyWidget::exportNetronAttachment);
    });
    refresh();
}

void AccuracyWidget::setRun(const Core::AccuracyRun &run)
{
    m_run = run;
    const QList<Core::AccuracyStage> stages = run.stages();
    if (!stages.isEmpty() && !stages.contains(m_stage))
        m_stage
            = stages.contains(Core::AccuracyStage::Tpu) ? Core::AccuracyStage::Tpu : stages.first();
    refresh();
}

void AccuracyWidget::setComparisonRun(const Core::AccuracyRun &other)
{
    m_other = other;
    refresh();
}

void AccuracyWidget::clearComparison()
{
    m_other.reset();
    refresh();
}

void AccuracyWidget::setStage(Core::AccuracyStage stage)
{
    m_stage = stage;
    refresh();
}

void AccuracyWidget::setDivergenceThreshold(double threshold)
{
    m_divergenceThreshold = threshold;
    refresh();
}

void AccuracyWidget::refresh()
{
    m_stageBox->clear();
    for (Core::AccuracyStage s : m_run.stages()) {
        m_stageBox->addItem(m_run.stageTitle(s), int(s));
        if (s == m_stage)
            m_stageBox->setCurrentIndex(m_stageBox->count() - 1);
    }
    // Only the metrics the tool measured: tpu-mlir cosine, euclidean, SQNR; Pulsar2 cosine, MSE.
    const bool pulsar2 = m_run.metrics == Core::AccuracyRun::Metrics::CosineMse;
    m_table->setColumnHidden(LayerMetricsModel::EuclideanColumn, pulsar2);
    m_table->setColumnHidden(LayerMetricsModel::SqnrColumn, pulsar2);
    m_table->setColumnHidden(LayerMetricsModel::MseColumn, !pulsar2);
    m_deltaTable->setColumnHidden(RunDeltaModel::EuclideanDeltaColumn, pulsar2);
    m_deltaTable->setColumnHidden(RunDeltaModel::SqnrDeltaColumn, pulsar2);
    const QList<Core::LayerMetrics> layers = m_run.layersOf(m_stage);
    m_model->setLayers(layers);
    const QString label = m_run.stageTitles.contains(m_stage)
                              ? QStringLiteral("%1 · %2").arg(m_run.label, m_run.stageTitle(m_stage))
                              : m_run.label;
    m_chart->setLayers(layers, m_run.tolerances.value(m_stage), label);
    m_jumpAction->setEnabled(m_run.firstFailing(m_stage) >= 0);
    m_keepAction->setEnabled(false);
    m_keepAction->setText(tr("Keep in %1").arg(m_higher));

    auto *pane = findChild<QWidget *>(QStringLiteral("comparisonPane"));
    if (!m_other) {
        m_chart->setComparisonLayers({}, {});
        m_deltaModel->setComparison({}, {}, {});
        m_divergenceLabel->clear();
        pane->hide();
        return;
    }
    // Overlay points follow the base run's rows, matched by tensor name.
    QHash<QString, Core::LayerMetrics> byName;
    for (const Core::LayerMetrics &m : m_other->layersOf(m_stage))
        byName.insert(m.tensorName, m);
    QList<Core::LayerMetrics> aligned;
    for (const Core::LayerMetrics &m : layers) {
        Core::LayerMetrics o = byName.value(m.tensorName, Core::LayerMetrics());
        aligned.append(o);
    }
    m_chart->setComparisonLayers(aligned, m_other->label);
    const Core::RunComparison rc
        = Core::RunComparison::compare(m_run, *m_other, m_stage, m_divergenceThreshold);
    m_deltaModel->setComparison(rc, m_run.label, m_other->label);
    m_divergenceLabel->setText(divergenceText());
    pane->show();
}

QString AccuracyWidget::divergenceText() const
{
    const Core::RunComparison rc = m_deltaModel->comparison();
    if (!m_other)
        return {};
    if (rc.firstDivergence < 0) {
        return tr("%1 and %2 never differ by more than %3.")
            .arg(m_run.label, m_other->label)
            .arg(m_divergenceThreshold);
    }
    const Core::RunComparison::Delta &d = rc.deltas.at(rc.firstDivergence);
    return tr("First divergence (|Δ| > %1): %2 (%3): cosine %4 → %5")
        .arg(m_divergenceThreshold)
        .arg(d.tensorName,
             d.opType,
             LayerMetricsModel::formatMetric(d.baseCosine),
             LayerMetricsModel::formatMetric(d.otherCosine));
}

QList<Core::LayerMetrics> AccuracyWidget::selectedLayers() const
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows.append(m_filter->mapToSource(i).row());
    std::sort(rows.begin(), rows.end());
    QList<Core::LayerMetrics> out;
    for (int r : rows)
        out.append(m_model->layer(r));
    return out;
}

void AccuracyWidget::syncChartSelection()
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows.append(m_filter->mapToSource(i).row());
    m_chart->setSelectedRows(rows);
    updateKeepAction();
}

void AccuracyWidget::setKeptInBf16(const QStringList &opNames)
{
    m_keptInBf16 = opNames;
    updateKeepAction();
}

void AccuracyWidget::setProposedLayers(const QStringList &opNames)
{
    m_chart->setProposedLayers(opNames);
}

void AccuracyWidget::updateKeepAction()
{
    const QList<Core::LayerMetrics> selected = selectedLayers();
    bool allKept = !selected.isEmpty();
    for (const Core::LayerMetrics &m : selected)
        allKept = allKept && m_keptInBf16.contains(m.tensorName);
    m_keepAction->setEnabled(!selected.isEmpty());
    m_keepAction->setText(allKept ? tr("Back to %1").arg(m_quantised) : tr("Keep in %1").arg(m_higher));
    m_keepAction->setToolTip(allKept ? tr("Quantise the selected layers in %1 again (and convert again)").arg(m_quantised)
                                     : tr("Keep the selected layers in %1 (and convert again)").arg(m_higher));
}

void AccuracyWidget::setPrecisionNames(const QString &higher, const QString &quantised)
{
    m_higher = higher;
    m_quantised = quantised;
    updateKeepAction();
}

void AccuracyWidget::onTableCurrentChanged()
{
    if (m_syncing)
        return;
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const int row = m_filter->mapToSource(current).row();
    m_chart->centerOn(row);
    emit tensorActivated(m_model->layer(row).onnxTensorName);
}

void AccuracyWidget::onChartClicked(int row, bool extend)
{
    QModelIndex proxy = m_filter->mapFromSource(m_model->index(row, 0));
    if (!proxy.isValid()) {
        // Filtered out of the table: clear the filter so the row can be shown and selected.
        m_filterEdit->clear();
        m_failingOnly->setChecked(false);
        proxy = m_filter->mapFromSource(m_model->index(row, 0));
    }
    m_syncing = true;
    const auto flags = (extend ? QItemSelectionModel::Select : QItemSelectionModel::ClearAndSelect)
                       | QItemSelectionModel::Rows;
    m_table->selectionModel()->setCurrentIndex(proxy, flags);
    m_syncing = false;
    m_table->scrollTo(proxy);
    emit tensorActivated(m_model->layer(row).onnxTensorName);
}

void AccuracyWidget::activateLayer(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    onChartClicked(row, false);
    m_chart->centerOn(row);
}

bool AccuracyWidget::jumpToFirstFailing()
{
    const int row = m_run.firstFailing(m_stage);
    if (row < 0)
        return false;
    activateLayer(row);
    return true;
}

Core::Expected<void> AccuracyWidget::exportCsv(const QString &path) const
{
    return Core::MetricsExport::writeCsv(path, m_model->layers());
}

Core::Expected<void> AccuracyWidget::exportNetronAttachment(const QString &path) const
{
    return Core::MetricsExport::writeNetronAttachment(path, m_run.layers);
}

Core::Expected<void> AccuracyWidget::exportPng(const QString &path) const
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!m_chart->toPixmap().save(&buffer, "PNG")) {
        return Core::makeError(Core::Error::Code::Io,
                               tr("%1: the chart could not be encoded as PNG.").arg(path));
    }
    return Core::writeFileAtomically(path, bytes);
}

Core::Expected<void> AccuracyWidget::exportSvg(const QString &path) const
{
    return Core::writeFileAtomically(path, m_chart->toSvg());
}

void AccuracyWidget::askAndExport(const QString &filter,
                                  const QString &suffix,
                                  Core::Expected<void> (AccuracyWidget::*exporter)(const QString &)
                                      const)
{
    if (qEnvironmentVariableIsSet("MCW_NO_DIALOGS"))
        return;
    QString path = QFileDialog::getSaveFileName(this, tr("Export"), QString(), filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(suffix, Qt::CaseInsensitive))
        path += suffix;
    const auto result = (this->*exporter)(path);
    m_messageLabel->setText(result ? tr("Exported %1").arg(path) : result.error().message);
}

} // namespace Mcw::Widgets
