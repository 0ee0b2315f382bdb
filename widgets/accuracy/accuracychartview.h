// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/accuracy/layermetrics.h>
#include <core/accuracy/tensorcompare.h>

#include <QChartView>
#include <QList>

class QLineSeries;
class QScatterSeries;
class QValueAxis;
class QXYSeries;

namespace Mcw::Widgets {

/**
 * Per-layer similarity chart: layers in network order on x; cosine and euclidean similarity on
 * the left axis with the two tolerances as horizontal dash-dotted lines; a second run is dashed;
 * failing layers as red points; SQNR (dB) on the right axis. A run without a euclidean
 * tolerance (NaN: Pulsar2 reports cosine and MSE only) gets no euclidean lines, and layers
 * without SQNR no SQNR line or axis. Values outside the axis (e.g. a
 * euclidean of −1e9, ±inf or NaN) are drawn at the axis edge; the tooltip shows the real value.
 *
 * Hover shows tensor, op type and metrics. A click selects the nearest layer (Ctrl+click adds) and
 * emits layerClicked(). Zoom: rubber band (x), mouse wheel, +/−; pan: middle-button drag or
 * Shift+drag, ←/→; Home (or 0) shows all layers.
 */
class AccuracyChartView : public QChartView
{
    Q_OBJECT

public:
    explicit AccuracyChartView(QWidget *parent = nullptr);

    void setLayers(const QList<Core::LayerMetrics> &layers,
                   const Core::Tolerance &tolerance,
                   const QString &runLabel);
    /** Dashed overlay of a second run (matched by row); an empty list removes it. */
    void setComparisonLayers(const QList<Core::LayerMetrics> &layers, const QString &runLabel);
    QList<Core::LayerMetrics> layers() const { return m_layers; }

    /**
     * Marks the layers tpu-mlir's search proposes to keep in BF16 (tpu-mlir tensor names) with
     * a hollow violet square on their cosine; an empty list removes the markers. They stay
     * across setLayers() (a new run of the same model).
     */
    void setProposedLayers(const QStringList &tensorNames);
    /** Rows (indices into layers()) that carry a proposal marker, in order. */
    QList<int> proposedRows() const;

    /** Highlights rows (indices into layers()) without emitting. */
    void setSelectedRows(const QList<int> &rows);
    QList<int> selectedRows() const { return m_selected; }

    /** Centres the x axis on \a row keeping the zoom (or zooms in to ~60 layers when all shown). */
    void centerOn(int row);
    void resetZoom();
    /** Visible x range in layer units. */
    double visibleMin() const;
    double visibleMax() const;
    /** Scrolls the x axis by \a layers (fractions allowed); clamped to the data. */
    void panBy(double layers);
    void zoomBy(double factor, double anchor);

    /** Renders the chart (at \a size or the widget's size) as SVG / PNG bytes. */
    QByteArray toSvg(const QSize &size = {}) const;
    QPixmap toPixmap() const;

    QValueAxis *layerAxis() const { return m_axisX; }

signals:
    /** \a row was clicked; \a extend is true with Ctrl (add to the selection). */
    void layerClicked(int row, bool extend);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void rebuild();
    /** Similarity ticks for the current range and plot height. */
    void updateSimilarityTicks();
    /** Adds \a series to the chart (on the layer axis and \a y) or takes it out. */
    void showSeries(QXYSeries *series, QValueAxis *y, bool wanted);
    void updateSelectionSeries();
    void updateProposedSeries();
    void onHovered(const QPointF &point, bool state);
    int rowAt(double x) const;
    double plotY(double value) const;
    double plotSqnr(double value) const;
    void setXRange(double lo, double hi);
    void updateSlice(double lo, double hi);

    QList<Core::LayerMetrics> m_layers;
    QList<Core::LayerMetrics> m_comparison;
    Core::Tolerance m_tolerance;
    QString m_runLabel;
    QString m_comparisonLabel;
    QList<int> m_selected;

    QValueAxis *m_axisX = nullptr;
    QValueAxis *m_axisY = nullptr;
    QValueAxis *m_axisSqnr = nullptr;
    QLineSeries *m_cosine = nullptr;
    QLineSeries *m_euclidean = nullptr;
    QLineSeries *m_sqnr = nullptr;
    QLineSeries *m_cosineTolerance = nullptr;
    QLineSeries *m_euclideanTolerance = nullptr;
    QScatterSeries *m_failing = nullptr;
    QScatterSeries *m_selection = nullptr;
    QLineSeries *m_otherCosine = nullptr;
    QLineSeries *m_otherEuclidean = nullptr;
    QScatterSeries *m_proposed = nullptr;
    QStringList m_proposedNames;

    // Full point lists; the series hold only the slice around the visible range, so panning a
    // zoomed-in chart of thousands of layers redraws only what is near the screen.
    QList<QPointF> m_cosPoints, m_eucPoints, m_sqnrPoints, m_failPoints;
    QList<QPointF> m_otherCosPoints, m_otherEucPoints;
    int m_sliceFirst = -1;
    int m_sliceLast = -1;

    double m_yMin = 0.0;
    double m_sqnrMin = 0.0;
    double m_sqnrMax = 60.0;
    bool m_panning = false;
    QPoint m_panStart;
    // A left press becomes a rubber band only once the mouse moves; otherwise it is a click.
    bool m_pressPending = false;
    QPoint m_pressPos;
};

} // namespace Mcw::Widgets
