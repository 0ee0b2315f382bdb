// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <widgets/graphview/graphstyle.h>
#include <widgets/graphview/nodetints.h>

#include <core/layout/graphlayout.h>
#include <core/layout/viewgraph.h>
#include <core/onnx/graph.h>

#include <QFutureWatcher>
#include <QGraphicsView>

#include <atomic>
#include <memory>

class QAction;
class QActionGroup;
class QLabel;
class QProgressBar;
class QPushButton;
class QTimer;

namespace Mcw::Widgets {

class GraphMinimap;
class GraphScene;
class NodeTintLegendWidget;

/**
 * The Netron-like graph view: lays the model out off the UI thread (progress, Cancel, cache per
 * layout input hash), draws it with level of detail, pans by dragging, zooms with Ctrl+wheel,
 * pinch and Shift+Up/Down, and reports clicks. Ctrl+click or the context menu toggles a node's
 * output tensor as a cut point; the cut list itself lives in the project (ProjectDocument).
 */
class GraphView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit GraphView(QWidget *parent = nullptr);
    ~GraphView() override;

    /** Shows \a graph; the layout runs in the background (see layoutFinished()). */
    void setGraph(const Core::Graph &graph);
    Core::Graph graph() const { return m_graph; }
    const Core::ViewGraph &viewGraph() const { return m_view; }
    GraphScene *graphScene() const { return m_scene; }
    /** True below the text zoom level, where the batched overview scene is shown. */
    bool isOverview() const;
    bool isLayoutRunning() const;
    void cancelLayout();

    GraphViewOptions options() const { return m_options; }
    void setOptions(const GraphViewOptions &options);

    /** Cut tensors to draw (the host owns the list). */
    void setCutTensors(const QStringList &cutTensors);
    /** ONNX tensors whose producers a search proposes to keep in BF16 (marked; empty clears). */
    void setProposedTensors(const QStringList &onnxTensors);

    /** Select and centre; -1 / empty clears. Emits nodeSelected()/tensorSelected(). */
    void selectNode(int displayIndex);
    void selectTensor(const QString &tensor);
    /** Highlights a find result and centres it without changing the selection. */
    void highlightNode(int displayIndex);
    void centerOnNode(int displayIndex);

    double zoom() const;
    void setZoom(double factor);
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    /** Fit when the graph is small, else 100 % at the inputs (Netron's opening view). */
    void showInitialView();

    /**
     * Colours display nodes by a metric (body wash + thick frame, full colour in the overview) and
     * shows \a legend in the top-left corner; nodes missing from \a tints keep their look.
     */
    void setNodeTints(const QHash<int, QColor> &tints, const NodeTintLegend &legend);
    void clearNodeTints();
    QHash<int, QColor> nodeTints() const { return m_tints; }
    NodeTintLegendWidget *tintLegend() const { return m_legend; }

    /** What the "Colour by" actions tint the nodes with. */
    enum class ColourBy { None, OpSupport, Cosine };
    ColourBy colourBy() const { return m_colourBy; }
    void setColourBy(ColourBy mode);
    /** Data for the colour modes; they belong to the current graph (setGraph() drops them). */
    void setOpSupportReport(const Core::OpSupportReport &report);
    void setAccuracyRun(const Core::AccuracyRun &run);
    void clearAccuracyRun();

    /** View actions with Netron's shortcuts (zoom, fit, attributes/weights/names/direction). */
    QList<QAction *> viewActions() const { return m_actions; }

    /** Number of layouts computed (not served from the cache); for tests. */
    static int layoutRuns();
    /** Forgets the layouts kept for reopening, so the next one is computed; for tests. */
    static void clearLayoutCache();

signals:
    void layoutFinished();
    void layoutCancelled();
    void nodeSelected(int displayIndex);
    void tensorSelected(const QString &tensor);
    void cutToggleRequested(const QString &tensor);
    void zoomChanged(double factor);
    void colourByChanged(Mcw::Widgets::GraphView::ColourBy mode);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    bool viewportEvent(QEvent *event) override;

private:
    void createActions();
    void refreshTints();
    void placeLegend();
    void loadSettings();
    void saveSettings() const;
    void startLayout();
    void onLayoutFinished();
    void showOverlay(bool visible);
    void zoomBy(double factor, const QPointF &viewportAnchor);
    double fitScale() const;
    void handleClick(const QPoint &viewportPos, Qt::KeyboardModifiers modifiers);
    /** Output tensors of a display node that can be cut (graph outputs excluded if folded). */
    QStringList cuttableOutputs(int displayIndex) const;

    Core::Graph m_graph;
    Core::ViewGraph m_view;
    GraphViewOptions m_options;
    GraphStyle m_style;
    GraphScene *m_scene = nullptr;
    QStringList m_cut;
    QStringList m_proposed;
    int m_pendingSelection = -1;

    QFutureWatcher<Core::LayoutResult> m_watcher;
    std::shared_ptr<std::atomic_bool> m_cancel;
    std::shared_ptr<std::atomic_int> m_progress;
    QByteArray m_pendingKey;
    Core::LayoutInput m_pendingInput;

    QWidget *m_overlay = nullptr;
    QLabel *m_overlayLabel = nullptr;
    QProgressBar *m_overlayProgress = nullptr;
    QPushButton *m_cancelButton = nullptr;
    QPushButton *m_relayoutButton = nullptr;
    QTimer *m_overlayTimer = nullptr;
    GraphMinimap *m_minimap = nullptr;
    QList<QAction *> m_actions;
    QAction *m_colourBySupport = nullptr;
    QAction *m_colourByCosine = nullptr;

    ColourBy m_colourBy = ColourBy::None;
    Core::OpSupportReport m_report;
    bool m_hasReport = false;
    Core::AccuracyRun m_run;
    bool m_hasRun = false;
    QHash<int, QColor> m_tints;
    NodeTintLegendWidget *m_legend = nullptr;

    QPoint m_pressPos;
    QPoint m_lastPos;
    bool m_dragging = false;
    bool m_pressed = false;
};

} // namespace Mcw::Widgets
