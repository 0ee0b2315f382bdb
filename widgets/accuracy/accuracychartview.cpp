// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "accuracychartview.h"

#include <widgets/accuracy/layermetricsmodel.h>

#include <QApplication>
#include <QBuffer>
#include <QChart>
#include <QCursor>
#include <QKeyEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPainter>
#include <QScatterSeries>
#include <QSvgGenerator>
#include <QToolTip>
#include <QValueAxis>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace Mcw::Widgets {

static const QColor s_cosineColor(0x1f, 0x77, 0xb4);
static const QColor s_euclideanColor(0xe0, 0x7b, 0x00);
static const QColor s_sqnrColor(0x7a, 0x9a, 0x7a);
static const QColor s_failColor(0xd3, 0x20, 0x20);
static const QColor s_proposedColor(0x8e, 0x44, 0xad); // BF16 proposal: violet, unlike any metric

// 1, 2 or 5 times a power of ten, at least \a raw: tick steps people read at a glance.
static double niceStep(double raw)
{
    if (!(raw > 0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude >= raw)
            return f * magnitude;
    }
    return 10.0 * magnitude;
}

static QPen linePen(const QColor &color, qreal width, Qt::PenStyle style = Qt::SolidLine)
{
    QPen pen(color, width, style);
    pen.setCosmetic(true);
    return pen;
}

static QChart *newAccuracyChart()
{
    auto *chart = new QChart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    return chart;
}

AccuracyChartView::AccuracyChartView(QWidget *parent)
    // The chart goes to the constructor: setChart() would only release the default chart, never
    // delete it (LeakSanitizer found it in every window).
    : QChartView(newAccuracyChart(), parent)
{
    QChart *chart = QChartView::chart();
    setRenderHint(QPainter::Antialiasing, true);
    setRubberBand(QChartView::HorizontalRubberBand);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);

    m_axisX = new QValueAxis(this);
    m_axisX->setObjectName(QStringLiteral("layerAxis"));
    m_axisX->setTitleText(tr("Layer (network order)"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisX->setTickType(QValueAxis::TicksDynamic);
    m_axisX->setTickAnchor(0);
    m_axisY = new QValueAxis(this);
    m_axisY->setObjectName(QStringLiteral("similarityAxis"));
    m_axisY->setTitleText(tr("Similarity"));
    m_axisY->setLabelFormat(QStringLiteral("%.2f"));
    m_axisY->setTickType(QValueAxis::TicksDynamic);
    m_axisY->setTickAnchor(1.0);
    m_axisSqnr = new QValueAxis(this);
    m_axisSqnr->setObjectName(QStringLiteral("sqnrAxis"));
    m_axisSqnr->setTitleText(tr("SQNR (dB)"));
    m_axisSqnr->setLabelFormat(QStringLiteral("%.0f"));
    m_axisSqnr->setGridLineVisible(false);
    // Fixed ticks: with dynamic ticks Qt Charts 6.4 sizes a right-hand axis too narrow and
    // elides every label to "…".
    m_axisSqnr->setTickType(QValueAxis::TicksFixed);
    m_axisSqnr->setLabelsColor(s_sqnrColor.darker(130));
    chart->addAxis(m_axisX, Qt::AlignBottom);
    chart->addAxis(m_axisY, Qt::AlignLeft);
    chart->addAxis(m_axisSqnr, Qt::AlignRight);

    const auto addLine = [&](QLineSeries **slot, const char *name, const QPen &pen, QValueAxis *y) {
        auto *s = new QLineSeries(this);
        s->setObjectName(QLatin1String(name));
        s->setPen(pen);
        chart->addSeries(s);
        s->attachAxis(m_axisX);
        s->attachAxis(y);
        *slot = s;
    };
    // Drawing order: SQNR behind, tolerances, metrics, markers on top.
    addLine(&m_sqnr, "sqnrSeries", linePen(s_sqnrColor, 1.0), m_axisSqnr);
    addLine(&m_cosineTolerance,
            "cosineToleranceSeries",
            linePen(s_cosineColor, 1.2, Qt::DashDotLine),
            m_axisY);
    addLine(&m_euclideanTolerance,
            "euclideanToleranceSeries",
            linePen(s_euclideanColor, 1.2, Qt::DashDotLine),
            m_axisY);
    addLine(&m_otherCosine,
            "comparisonCosineSeries",
            linePen(s_cosineColor.darker(150), 2.0, Qt::DashLine),
            m_axisY);
    addLine(&m_otherEuclidean,
            "comparisonEuclideanSeries",
            linePen(s_euclideanColor.darker(150), 2.0, Qt::DashLine),
            m_axisY);
    addLine(&m_euclidean, "euclideanSeries", linePen(s_euclideanColor, 1.8), m_axisY);
    addLine(&m_cosine, "cosineSeries", linePen(s_cosineColor, 1.8), m_axisY);

    m_failing = new QScatterSeries(this);
    m_failing->setObjectName(QStringLiteral("failingSeries"));
    m_failing->setName(tr("failing layer"));
    m_failing->setMarkerSize(8);
    m_failing->setColor(s_failColor);
    m_failing->setBorderColor(s_failColor.darker(130));
    chart->addSeries(m_failing);
    m_failing->attachAxis(m_axisX);
    m_failing->attachAxis(m_axisY);

    // Not in the chart until there is a proposal (a hidden series still paints its legend symbol).
    m_proposed = new QScatterSeries(this);
    m_proposed->setObjectName(QStringLiteral("proposedSeries"));
    m_proposed->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
    m_proposed->setMarkerSize(13);
    m_proposed->setColor(Qt::transparent);
    m_proposed->setBorderColor(s_proposedColor);
    m_proposed->setPen(QPen(s_proposedColor, 2.5));

    m_selection = new QScatterSeries(this);
    m_selection->setObjectName(QStringLiteral("selectionSeries"));
    m_selection->setMarkerSize(15);
    m_selection->setColor(Qt::transparent);
    m_selection->setBorderColor(Qt::black);
    QPen ring(Qt::black, 2);
    m_selection->setPen(ring);
    chart->addSeries(m_selection);
    m_selection->attachAxis(m_axisX);
    m_selection->attachAxis(m_axisY);
    if (auto markers = chart->legend()->markers(m_selection); !markers.isEmpty())
        markers.first()->setVisible(false);

    for (QXYSeries *s : {static_cast<QXYSeries *>(m_cosine),
                         static_cast<QXYSeries *>(m_euclidean),
                         static_cast<QXYSeries *>(m_sqnr),
                         static_cast<QXYSeries *>(m_failing),
                         static_cast<QXYSeries *>(m_otherCosine),
                         static_cast<QXYSeries *>(m_otherEuclidean)}) {
        connect(s, &QXYSeries::hovered, this, &AccuracyChartView::onHovered);
    }
    rebuild();
}

void AccuracyChartView::setLayers(const QList<Core::LayerMetrics> &layers,
                                  const Core::Tolerance &tolerance,
                                  const QString &runLabel)
{
    m_layers = layers;
    m_tolerance = tolerance;
    m_runLabel = runLabel;
    m_selected.clear();
    rebuild();
}

void AccuracyChartView::setComparisonLayers(const QList<Core::LayerMetrics> &layers,
                                            const QString &runLabel)
{
    m_comparison = layers;
    m_comparisonLabel = runLabel;
    rebuild();
}

double AccuracyChartView::plotY(double value) const
{
    if (std::isnan(value))
        return m_yMin;
    return std::clamp(value, m_yMin, 1.0);
}

double AccuracyChartView::plotSqnr(double value) const
{
    if (std::isnan(value))
        return m_sqnrMin;
    return std::clamp(value, m_sqnrMin, m_sqnrMax);
}

void AccuracyChartView::rebuild()
{
    // Pulsar2 measures no euclidean similarity (no tolerance for it) and no SQNR.
    const bool euclidean = !std::isnan(m_tolerance.euclidean);
    bool anySqnr = false;
    // Similarity axis: show everything down to the worst finite value, but never below −1
    // (a euclidean of −1e9 would flatten every other layer to a line).
    double lo = euclidean ? std::min(m_tolerance.cosine, m_tolerance.euclidean) : m_tolerance.cosine;
    double sqnrLo = 0.0, sqnrHi = 10.0;
    const auto consider = [&](const QList<Core::LayerMetrics> &layers) {
        for (const Core::LayerMetrics &m : layers) {
            for (double v : {m.cosine, euclidean ? m.euclidean : m.cosine}) {
                if (std::isfinite(v))
                    lo = std::min(lo, v);
            }
            if (std::isfinite(m.sqnr)) {
                anySqnr = true;
                sqnrLo = std::min(sqnrLo, m.sqnr);
                sqnrHi = std::max(sqnrHi, m.sqnr);
            }
        }
    };
    consider(m_layers);
    consider(m_comparison);
    m_yMin = std::max(-1.0, std::floor((lo - 0.02) * 20.0) / 20.0);
    // Ticks every 10 dB (20 dB for wide ranges): the range is a whole number of steps.
    const double sqnrStep = (sqnrHi - sqnrLo) > 80.0 ? 20.0 : 10.0;
    m_sqnrMin = std::floor(sqnrLo / sqnrStep) * sqnrStep;
    m_sqnrMax = std::ceil((sqnrHi + 1.0) / sqnrStep) * sqnrStep;
    m_axisY->setRange(m_yMin, 1.0 + (1.0 - m_yMin) * 0.03);
    updateSimilarityTicks();
    m_axisSqnr->setRange(m_sqnrMin, m_sqnrMax);
    m_axisSqnr->setTickCount(int(std::lround((m_sqnrMax - m_sqnrMin) / sqnrStep)) + 1);

    const int n = int(m_layers.size());
    QList<QPointF> cos, euc, sqnr, failing;
    cos.reserve(n);
    euc.reserve(n);
    sqnr.reserve(n);
    int failCount = 0;
    int firstFail = -1;
    for (int i = 0; i < n; ++i) {
        const Core::LayerMetrics &m = m_layers.at(i);
        cos.append(QPointF(i, plotY(m.cosine)));
        euc.append(QPointF(i, plotY(m.euclidean)));
        sqnr.append(QPointF(i, plotSqnr(m.sqnr)));
        if (!m.passed) {
            // The marker sits on the metric that broke the tolerance.
            const bool cosFails = !euclidean || !(m.cosine > m_tolerance.cosine);
            failing.append(QPointF(i, cosFails ? plotY(m.cosine) : plotY(m.euclidean)));
            ++failCount;
            if (firstFail < 0)
                firstFail = i;
        }
    }
    m_cosPoints = cos;
    m_eucPoints = euc;
    m_sqnrPoints = sqnr;
    m_failPoints = failing;
    QList<QPointF> otherCos, otherEuc;
    for (int i = 0; i < int(m_comparison.size()); ++i) {
        otherCos.append(QPointF(i, plotY(m_comparison.at(i).cosine)));
        otherEuc.append(QPointF(i, plotY(m_comparison.at(i).euclidean)));
    }
    m_otherCosPoints = otherCos;
    m_otherEucPoints = otherEuc;
    m_sliceFirst = m_sliceLast = -1;
    showSeries(m_otherCosine, m_axisY, !m_comparison.isEmpty());
    showSeries(m_otherEuclidean, m_axisY, euclidean && !m_comparison.isEmpty());
    showSeries(m_euclidean, m_axisY, euclidean);
    showSeries(m_euclideanTolerance, m_axisY, euclidean);
    showSeries(m_sqnr, m_axisSqnr, anySqnr);
    m_axisSqnr->setVisible(anySqnr);
    m_axisY->setTitleText(euclidean ? tr("Similarity") : tr("Cosine similarity"));

    // Short legend names: Qt Charts elides labels that do not fit in one row (down to "..."
    // in a narrow dock). The title names the compared run.
    m_cosine->setName(tr("cos"));
    m_euclidean->setName(tr("euc"));
    m_sqnr->setName(tr("SQNR dB"));
    m_cosineTolerance->setName(tr("cos ≥ %1").arg(m_tolerance.cosine));
    m_euclideanTolerance->setName(tr("euc ≥ %1").arg(m_tolerance.euclidean));
    m_otherCosine->setName(tr("cos (other)"));
    m_otherEuclidean->setName(tr("euc (other)"));
    m_failing->setName(tr("failing"));

    QString title = m_runLabel.isEmpty() ? tr("Per-layer similarity") : m_runLabel;
    if (n > 0) {
        title += tr(" — %1 of %2 layers fail").arg(failCount).arg(n);
        if (firstFail >= 0)
            title += tr(", first: #%1 %2").arg(firstFail).arg(m_layers.at(firstFail).tensorName);
    }
    if (!m_comparison.isEmpty() && !m_comparisonLabel.isEmpty())
        title += tr("; dashed: %1").arg(m_comparisonLabel);
    chart()->setTitle(title);
    resetZoom();
    updateSelectionSeries();
    updateProposedSeries();
}

void AccuracyChartView::setProposedLayers(const QStringList &tensorNames)
{
    m_proposedNames = tensorNames;
    updateProposedSeries();
}

QList<int> AccuracyChartView::proposedRows() const
{
    QList<int> rows;
    for (int i = 0; i < int(m_layers.size()); ++i) {
        if (m_proposedNames.contains(m_layers.at(i).tensorName))
            rows.append(i);
    }
    return rows;
}

void AccuracyChartView::updateProposedSeries()
{
    QList<QPointF> points;
    for (int row : proposedRows())
        points.append(QPointF(row, plotY(m_layers.at(row).cosine)));
    const bool inChart = chart()->series().contains(m_proposed);
    if (!points.isEmpty() && !inChart) {
        // Under the selection ring, above the lines.
        chart()->removeSeries(m_selection);
        chart()->addSeries(m_proposed);
        m_proposed->attachAxis(m_axisX);
        m_proposed->attachAxis(m_axisY);
        chart()->addSeries(m_selection);
        m_selection->attachAxis(m_axisX);
        m_selection->attachAxis(m_axisY);
        if (auto markers = chart()->legend()->markers(m_selection); !markers.isEmpty())
            markers.first()->setVisible(false);
    } else if (points.isEmpty() && inChart) {
        chart()->removeSeries(m_proposed);
        m_proposed->setParent(this);
    }
    m_proposed->setName(tr("BF16 proposal"));
    m_proposed->replace(points);
}

void AccuracyChartView::setSelectedRows(const QList<int> &rows)
{
    m_selected.clear();
    for (int r : rows) {
        if (r >= 0 && r < m_layers.size() && !m_selected.contains(r))
            m_selected.append(r);
    }
    updateSelectionSeries();
}

void AccuracyChartView::updateSelectionSeries()
{
    QList<QPointF> points;
    for (int r : m_selected)
        points.append(QPointF(r, plotY(m_layers.at(r).cosine)));
    m_selection->replace(points);
}

void AccuracyChartView::updateSimilarityTicks()
{
    // Up to 8 ticks, fewer in a short dock: Qt Charts 6.4 elides every label to "…" when they
    // crowd, so each needs about two text lines of height.
    const double plotHeight = chart()->plotArea().height();
    const double fit = plotHeight > 0 ? plotHeight / (fontMetrics().height() * 2.0) : 8.0;
    m_axisY->setTickInterval(niceStep((1.0 - m_yMin) / std::clamp(fit, 2.0, 8.0)));
    m_axisY->setLabelFormat(m_axisY->tickInterval() < 0.05 ? QStringLiteral("%.3f")
                                                           : QStringLiteral("%.2f"));
}

void AccuracyChartView::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    updateSimilarityTicks();
}

void AccuracyChartView::showSeries(QXYSeries *series, QValueAxis *y, bool wanted)
{
    // Out of the chart rather than hidden: Qt Charts 6.4 paints the symbol of a hidden legend
    // marker anyway (above the legend row). The view keeps owning the series.
    const bool inChart = chart()->series().contains(series);
    if (wanted && !inChart) {
        chart()->addSeries(series);
        series->attachAxis(m_axisX);
        series->attachAxis(y);
    } else if (!wanted && inChart) {
        chart()->removeSeries(series);
        series->setParent(this);
    }
    series->setVisible(wanted);
}

void AccuracyChartView::setXRange(double lo, double hi)
{
    const double fullLo = -0.5;
    const double fullHi = std::max(0.5, m_layers.size() - 0.5);
    const double width = std::min(hi - lo, fullHi - fullLo);
    lo = std::clamp(lo, fullLo, fullHi - width);
    m_axisX->setRange(lo, lo + width);
    updateSlice(lo, lo + width);
    // Dashed lines are dashed along their whole length, on screen or not: keep them visible-only.
    m_cosineTolerance->replace(
        {QPointF(lo, m_tolerance.cosine), QPointF(lo + width, m_tolerance.cosine)});
    if (!std::isnan(m_tolerance.euclidean)) {
        m_euclideanTolerance->replace(
            {QPointF(lo, m_tolerance.euclidean), QPointF(lo + width, m_tolerance.euclidean)});
    }
    // Antialiased polylines cost several times more; past ~1,500 visible layers the lines are
    // denser than the pixels anyway, so panning stays fluid without it.
    setRenderHint(QPainter::Antialiasing, width < 1500);
    m_axisX->setTickInterval(std::max(1.0, niceStep(width / 12)));
}

static QList<QPointF> slice(const QList<QPointF> &points, int first, int last)
{
    // Points are sorted by x (= layer index); failing points are a sparse subset.
    const auto lo = std::lower_bound(
        points.cbegin(), points.cend(), first, [](const QPointF &p, int x) { return p.x() < x; });
    const auto hi = std::upper_bound(
        lo, points.cend(), last, [](int x, const QPointF &p) { return x < p.x(); });
    return QList<QPointF>(lo, hi);
}

void AccuracyChartView::updateSlice(double lo, double hi)
{
    const int n = int(m_layers.size());
    const int first = std::max(0, int(std::floor(lo)) - 1);
    const int last = std::min(n - 1, int(std::ceil(hi)) + 1);
    if (m_sliceFirst >= 0 && first >= m_sliceFirst && last <= m_sliceLast)
        return; // still inside the loaded slice
    // Load one extra window on each side so most pan steps need no new slice.
    const int margin = std::max(8, (last - first) / 2);
    m_sliceFirst = std::max(0, first - margin);
    m_sliceLast = std::min(n - 1, last + margin);
    m_cosine->replace(slice(m_cosPoints, m_sliceFirst, m_sliceLast));
    m_euclidean->replace(slice(m_eucPoints, m_sliceFirst, m_sliceLast));
    m_sqnr->replace(slice(m_sqnrPoints, m_sliceFirst, m_sliceLast));
    m_failing->replace(slice(m_failPoints, m_sliceFirst, m_sliceLast));
    m_otherCosine->replace(slice(m_otherCosPoints, m_sliceFirst, m_sliceLast));
    m_otherEuclidean->replace(slice(m_otherEucPoints, m_sliceFirst, m_sliceLast));
}

void AccuracyChartView::resetZoom()
{
    setXRange(-0.5, std::max(0.5, m_layers.size() - 0.5));
}

double AccuracyChartView::visibleMin() const
{
    return m_axisX->min();
}

double AccuracyChartView::visibleMax() const
{
    return m_axisX->max();
}

void AccuracyChartView::centerOn(int row)
{
    double width = visibleMax() - visibleMin();
    if (width >= m_layers.size() - 1 && m_layers.size() > 80)
        width = 60;
    setXRange(row - width / 2, row + width / 2);
}

void AccuracyChartView::panBy(double layers)
{
    setXRange(visibleMin() + layers, visibleMax() + layers);
}

void AccuracyChartView::zoomBy(double factor, double anchor)
{
    const double lo = visibleMin();
    const double hi = visibleMax();
    const double newLo = anchor - (anchor - lo) * factor;
    const double newHi = anchor + (hi - anchor) * factor;
    if (newHi - newLo < 4)
        return;
    setXRange(newLo, newHi);
}

int AccuracyChartView::rowAt(double x) const
{
    const int row = int(std::lround(x));
    return row >= 0 && row < m_layers.size() ? row : -1;
}

void AccuracyChartView::onHovered(const QPointF &point, bool state)
{
    if (!state) {
        QToolTip::hideText();
        return;
    }
    const int row = rowAt(point.x());
    if (row < 0)
        return;
    const Core::LayerMetrics &m = m_layers.at(row);
    const bool euclidean = !std::isnan(m_tolerance.euclidean);
    const QString metrics = euclidean ? tr("cosine %1 · euclidean %2 · SQNR %3 dB")
                                            .arg(LayerMetricsModel::formatMetric(m.cosine),
                                                 LayerMetricsModel::formatMetric(m.euclidean),
                                                 LayerMetricsModel::formatMetric(m.sqnr))
                                      : tr("cosine %1 · MSE %2")
                                            .arg(LayerMetricsModel::formatMetric(m.cosine),
                                                 LayerMetricsModel::formatMetric(m.mse));
    QString text = tr("<b>#%1 %2</b><br>op: %3 · ONNX tensor: %4<br>%5 %6<br>%7")
                       .arg(row)
                       .arg(m.tensorName.toHtmlEscaped(),
                            m.opType.isEmpty() ? QStringLiteral("–") : m.opType,
                            m.onnxTensorName.toHtmlEscaped(),
                            Core::compareStatusToken(m.status),
                            m.passed ? tr("(passed)") : tr("(failed)"),
                            metrics);
    if (row < m_comparison.size()) {
        const Core::LayerMetrics &o = m_comparison.at(row);
        text += tr("<br>%1: cosine %2 · %3")
                    .arg(m_comparisonLabel.toHtmlEscaped(), LayerMetricsModel::formatMetric(o.cosine),
                         euclidean ? tr("euclidean %1").arg(LayerMetricsModel::formatMetric(o.euclidean))
                                   : tr("MSE %1").arg(LayerMetricsModel::formatMetric(o.mse)));
    }
    QToolTip::showText(QCursor::pos(), text, this);
}

void AccuracyChartView::wheelEvent(QWheelEvent *event)
{
    const double anchor = chart()->mapToValue(event->position(), m_cosine).x();
    zoomBy(event->angleDelta().y() > 0 ? 0.8 : 1.25, anchor);
    event->accept();
}

void AccuracyChartView::keyPressEvent(QKeyEvent *event)
{
    const double width = visibleMax() - visibleMin();
    const double mid = (visibleMin() + visibleMax()) / 2;
    switch (event->key()) {
    case Qt::Key_Left:
        panBy(-width / 10);
        break;
    case Qt::Key_Right:
        panBy(width / 10);
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(0.8, mid);
        break;
    case Qt::Key_Minus:
        zoomBy(1.25, mid);
        break;
    case Qt::Key_Home:
    case Qt::Key_0:
        resetZoom();
        break;
    default:
        QChartView::keyPressEvent(event);
        return;
    }
    event->accept();
}

void AccuracyChartView::mousePressEvent(QMouseEvent *event)
{
    const bool pan
        = event->button() == Qt::MiddleButton
          || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier));
    if (pan) {
        m_panning = true;
        m_panStart = event->pos();
        setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    if (event->button() == Qt::LeftButton) {
        m_pressPending = true;
        m_pressPos = event->pos();
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void AccuracyChartView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_panning) {
        const double perPixel
            = (visibleMax() - visibleMin()) / std::max(1.0, chart()->plotArea().width());
        panBy(-(event->pos().x() - m_panStart.x()) * perPixel);
        m_panStart = event->pos();
        event->accept();
        return;
    }
    if (m_pressPending
        && (event->pos() - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        // A drag after all: hand QChartView the press so it starts its rubber band there.
        m_pressPending = false;
        QMouseEvent press(QEvent::MouseButtonPress,
                          QPointF(m_pressPos),
                          QPointF(mapToGlobal(m_pressPos)),
                          Qt::LeftButton,
                          Qt::LeftButton,
                          event->modifiers());
        QChartView::mousePressEvent(&press);
    }
    QChartView::mouseMoveEvent(event);
}

void AccuracyChartView::mouseReleaseEvent(QMouseEvent *event)
{
    if (m_panning) {
        m_panning = false;
        unsetCursor();
        event->accept();
        return;
    }
    if (m_pressPending && event->button() == Qt::LeftButton) {
        m_pressPending = false;
        const QPointF chartPos = chart()->mapFromScene(mapToScene(event->pos()));
        if (chart()->plotArea().contains(chartPos)) {
            const int row = rowAt(chart()->mapToValue(chartPos, m_cosine).x());
            if (row >= 0)
                emit layerClicked(row, event->modifiers() & Qt::ControlModifier);
        }
        event->accept();
        return;
    }
    // A right click would zoom the whole chart out (QChartView default); keep y fixed instead.
    if (event->button() == Qt::RightButton) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
    // The rubber band zooms both axes; only the layer axis is meant to change.
    m_axisY->setRange(m_yMin, 1.0 + (1.0 - m_yMin) * 0.03);
    m_axisSqnr->setRange(m_sqnrMin, m_sqnrMax);
    setXRange(visibleMin(), visibleMax());
}

QByteArray AccuracyChartView::toSvg(const QSize &size) const
{
    const QSize s = size.isValid() ? size : this->size();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(s);
    generator.setViewBox(QRect(QPoint(0, 0), s));
    generator.setTitle(chart()->title());
    QPainter painter(&generator);
    // Render through the scene so the SVG keeps vectors rather than one bitmap.
    const_cast<AccuracyChartView *>(this)->scene()->render(
        &painter, QRectF(QPointF(0, 0), s), sceneRect());
    painter.end();
    return buffer.data();
}

QPixmap AccuracyChartView::toPixmap() const
{
    return const_cast<AccuracyChartView *>(this)->grab();
}

} // namespace Mcw::Widgets
