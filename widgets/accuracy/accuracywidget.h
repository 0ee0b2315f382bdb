// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/accuracyrun.h>
#include <core/result.h>

#include <QWidget>

#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace Mcw::Widgets {

class AccuracyChartView;
class LayerMetricsFilterModel;
class LayerMetricsModel;
class RunDeltaModel;

/**
 * The accuracy panel: chart + sortable/filterable table of one run's per-layer metrics for
 * one stage, an optional second run overlaid (dashed) with a delta table and the first
 * divergence, and the actions "Jump to first failing layer", "Keep in BF16" and exports.
 *
 * API for the integration (kept small on purpose):
 * - setRun() / setComparisonRun() / clearComparison() / setStage() feed data;
 * - tensorActivated(onnxTensorName) fires when a layer is chosen in the chart or the table
 *   (link it to the graph view's "select and centre");
 * - keepInBf16Requested(opNames) fires for "Keep in BF16" with the selected layers' tpu-mlir
 *   op names (write them with Core::quantizeTableForLayers / QuantizeTable and queue a deploy);
 *   when every selected layer is already kept (setKeptInBf16()), the action reads "Back to INT8"
 *   and backToInt8Requested(opNames) fires instead.
 */
class AccuracyWidget : public QWidget
{
    Q_OBJECT

public:
    explicit AccuracyWidget(QWidget *parent = nullptr);

    void setRun(const Core::AccuracyRun &run);
    Core::AccuracyRun run() const { return m_run; }
    void setComparisonRun(const Core::AccuracyRun &other);
    void clearComparison();
    void setStage(Core::AccuracyStage stage);
    Core::AccuracyStage stage() const { return m_stage; }
    /** Δ above which two runs count as diverging (default 0.01). */
    void setDivergenceThreshold(double threshold);

    /** Selected layers (table selection, which the chart mirrors), network order. */
    QList<Core::LayerMetrics> selectedLayers() const;
    /** Selects one layer by its row in network order, centres it and emits tensorActivated. */
    void activateLayer(int row);
    /** Selects and centres the first failing layer; false when every layer passes. */
    bool jumpToFirstFailing();

    Core::Expected<void> exportCsv(const QString &path) const;
    Core::Expected<void> exportNetronAttachment(const QString &path) const;
    Core::Expected<void> exportPng(const QString &path) const;
    Core::Expected<void> exportSvg(const QString &path) const;

    AccuracyChartView *chartView() const { return m_chart; }
    LayerMetricsModel *model() const { return m_model; }
    LayerMetricsFilterModel *filterModel() const { return m_filter; }
    RunDeltaModel *deltaModel() const { return m_deltaModel; }
    QAction *jumpToFirstFailingAction() const { return m_jumpAction; }
    QAction *keepInBf16Action() const { return m_keepAction; }
    /** Layers (tpu-mlir op names) the project keeps in BF16 now: the action toggles for them. */
    void setKeptInBf16(const QStringList &opNames);
    /**
     * The device's precisions in the keep action: "BF16"/"INT8" (MaixCAM, the default) or
     * "U16"/"U8" (MaixCAM2, Pulsar2 layer configs).
     */
    void setPrecisionNames(const QString &higher, const QString &quantised);
    QString divergenceText() const;

signals:
    void tensorActivated(const QString &onnxTensorName);
    void keepInBf16Requested(const QStringList &opNames);
    void backToInt8Requested(const QStringList &opNames);

private:
    void refresh();
    void syncChartSelection();
    /** "Keep in BF16", or "Back to INT8" when every selected layer is kept already. */
    void updateKeepAction();
    void onChartClicked(int row, bool extend);
    void onTableCurrentChanged();
    void askAndExport(const QString &filter,
                      const QString &suffix,
                      Core::Expected<void> (AccuracyWidget::*exporter)(const QString &) const);

    Core::AccuracyRun m_run;
    std::optional<Core::AccuracyRun> m_other;
    Core::AccuracyStage m_stage = Core::AccuracyStage::Tpu;
    double m_divergenceThreshold = 0.01;
    bool m_syncing = false; // guards chart ↔ table selection echo

    AccuracyChartView *m_chart = nullptr;
    LayerMetricsModel *m_model = nullptr;
    LayerMetricsFilterModel *m_filter = nullptr;
    QTableView *m_table = nullptr;
    RunDeltaModel *m_deltaModel = nullptr;
    QTableView *m_deltaTable = nullptr;
    QLabel *m_divergenceLabel = nullptr;
    QLabel *m_messageLabel = nullptr; // export failures, in one sentence
    QComboBox *m_stageBox = nullptr;
    QLineEdit *m_filterEdit = nullptr;
    QCheckBox *m_failingOnly = nullptr;
    QAction *m_jumpAction = nullptr;
    QAction *m_keepAction = nullptr;
    QStringList m_keptInBf16;
    QString m_higher = QStringLiteral("BF16");
    QString m_quantised = QStringLiteral("INT8");
};

} // namespace Mcw::Widgets
