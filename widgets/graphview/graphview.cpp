// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "graphview.h"

#include <widgets/graphview/edgeitem.h>
#include <widgets/graphview/graphminimap.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/nodeitem.h>
#include <widgets/graphview/nodetintlegendwidget.h>

#include <QAction>
#include <QActionGroup>
#include <QCryptographicHash>
#include <QGesture>
#include <QGestureEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace Mcw::Widgets {

using Core::LayoutInput;
using Core::LayoutResult;

static constexpr double s_minZoomFloor = 0.0005; // a 10k-node chain must still fit
static constexpr double s_maxZoom = 4.0;
static constexpr int s_cacheCapacity = 8;
static std::atomic_int s_layoutRuns{0};

// Layouts keyed by a hash of their input (the model's structure plus measured sizes and
// direction), so reopening a model or toggling an option back is instant.
static QHash<QByteArray, LayoutResult> &layoutCache()
{
    static QHash<QByteArray, LayoutResult> cache;
    return cache;
}
static QList<QByteArray> &layoutCacheOrder()
{
    static QList<QByteArray> order;
    return order;
}

static QByteArray layoutKey(const LayoutInput &input)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    auto addDouble = [&hash](double value) {
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&value), sizeof(value)));
    };
    auto addInt = [&hash](int value) {
        hash.addData(QByteArrayView(reinterpret_cast<const char *>(&value), sizeof(value)));
    };
    addInt(int(input.direction));
    addDouble(input.nodeSeparation);
    addDouble(input.rankSeparation);
    addInt(input.maxSweeps);
    for (const LayoutInput::Node &node : input.nodes) {
        addDouble(node.width);
        addDouble(node.height);
    }
    for (const LayoutInput::Edge &edge : input.edges) {
        addInt(edge.from);
        addInt(edge.to);
        addDouble(edge.labelWidth);
        addDouble(edge.labelHeight);
        addInt(edge.group);
    }
    return hash.result();
}

GraphView::GraphView(QWidget *parent)
    : QGraphicsView(parent)
    , m_style(palette())
{
    setObjectName(QStringLiteral("graphView"));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setDragMode(QGraphicsView::NoDrag);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->grabGesture(Qt::PinchGesture);
    setBackgroundBrush(m_style.background());

    m_overlay = new QWidget(viewport());
    m_overlay->setObjectName(QStringLiteral("layoutProgress"));
    m_overlay->setAutoFillBackground(true);
    auto *overlayLayout = new QVBoxLayout(m_overlay);
    m_overlayLabel = new QLabel(tr("Laying out the graph…"), m_overlay);
    m_overlayProgress = new QProgressBar(m_overlay);
    m_overlayProgress->setRange(0, 100);
    m_cancelButton = new QPushButton(tr("Cancel"), m_overlay);
    m_cancelButton->setObjectName(QStringLiteral("cancelLayout"));
    m_relayoutButton = new QPushButton(tr("Lay Out Again"), m_overlay);
    m_relayoutButton->setObjectName(QStringLiteral("relayout"));
    m_relayoutButton->hide();
    overlayLayout->addWidget(m_overlayLabel);
    overlayLayout->addWidget(m_overlayProgress);
    overlayLayout->addWidget(m_cancelButton, 0, Qt::AlignRight);
    overlayLayout->addWidget(m_relayoutButton, 0, Qt::AlignRight);
    m_overlay->hide();
    connect(m_cancelButton, &QPushButton::clicked, this, &GraphView::cancelLayout);
    connect(m_relayoutButton, &QPushButton::clicked, this, &GraphView::startLayout);

    m_overlayTimer = new QTimer(this);
    m_overlayTimer->setInterval(100);
    connect(m_overlayTimer, &QTimer::timeout, this, [this] {
        if (m_progress)
            m_overlayProgress->setValue(m_progress->load());
        if (m_watcher.isRunning() && !m_overlay->isVisible())
            showOverlay(true); // only long layouts show the overlay (first tick after 100 ms)
    });

    m_minimap = new GraphMinimap(this, viewport());
    m_legend = new NodeTintLegendWidget(viewport());
    m_legend->hide();
    connect(&m_watcher, &QFutureWatcher<LayoutResult>::finished, this, &GraphView::onLayoutFinished);

    loadSettings();
    createActions();
}

GraphView::~GraphView()
{
    if (m_cancel)
        m_cancel->store(true);
    m_watcher.waitForFinished();
}

int GraphView::layoutRuns()
{
    return s_layoutRuns.load();
}

void GraphView::clearLayoutCache()
{
    layoutCache().clear();
    layoutCacheOrder().clear();
}

void GraphView::createActions()
{
    auto add = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        m_actions.append(action);
        return action;
    };
    add(tr("Zoom &In"), QKeySequence(Qt::SHIFT | Qt::Key_Up), [this] { zoomIn(); })
        ->setObjectName(QStringLiteral("zoomIn"));
    add(tr("Zoom &Out"), QKeySequence(Qt::SHIFT | Qt::Key_Down), [this] { zoomOut(); })
        ->setObjectName(QStringLiteral("zoomOut"));
    add(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_0), [this] { fitToWindow(); })
        ->setObjectName(QStringLiteral("fitToWindow"));
    add(tr("&Actual Size"), QKeySequence(Qt::SHIFT | Qt::Key_Backspace), [this] { setZoom(1.0); })
        ->setObjectName(QStringLiteral("actualSize"));

    auto toggle = [this, &add](const QString &text, const QKeySequence &key, const QString &name,
                               bool GraphViewOptions::*member) {
        QAction *action = add(text, key, [this, member](bool checked) {
            GraphViewOptions options = m_options;
            options.*member = checked;
            setOptions(options);
        });
        action->setObjectName(name);
        action->setCheckable(true);
        action->setChecked(m_options.*member);
    };
    toggle(tr("Show A&ttributes"), QKeySequence(Qt::CTRL | Qt::Key_D), QStringLiteral("showAttributes"),
           &GraphViewOptions::showAttributes);
    toggle(tr("Show &Weights"), QKeySequence(Qt::CTRL | Qt::Key_I), QStringLiteral("showWeights"),
           &GraphViewOptions::showWeights);
    toggle(tr("Show &Names"), QKeySequence(Qt::CTRL | Qt::Key_U), QStringLiteral("showNames"),
           &GraphViewOptions::showNames);
    QAction *horizontal = add(tr("&Horizontal Layout"), QKeySequence(Qt::CTRL | Qt::Key_K), [this](bool checked) {
        GraphViewOptions options = m_options;
        options.direction = checked ? LayoutInput::Direction::LeftToRight : LayoutInput::Direction::TopToBottom;
        setOptions(options);
    });
    horizontal->setObjectName(QStringLiteral("horizontalLayout"));
    horizontal->setCheckable(true);
    horizontal->setChecked(m_options.direction == LayoutInput::Direction::LeftToRight);

    // Exclusive but optional: unchecking the checked mode means "colour by nothing".
    auto *colourGroup = new QActionGroup(this);
    colourGroup->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
    m_colourBySupport = add(tr("Colour by &Operator Support"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                            [this](bool checked) { setColourBy(checked ? ColourBy::OpSupport : ColourBy::None); });
    m_colourBySupport->setObjectName(QStringLiteral("colourByOpSupport"));
    m_colourByCosine = add(tr("Colour by &Cosine Similarity"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H),
                           [this](bool checked) { setColourBy(checked ? ColourBy::Cosine : ColourBy::None); });
    m_colourByCosine->setObjectName(QStringLiteral("colourByCosine"));
    for (QAction *action : {m_colourBySupport, m_colourByCosine}) {
        action->setCheckable(true);
        action->setEnabled(false);
        colourGroup->addAction(action);
    }
    addActions(m_actions);
}

void GraphView::loadSettings()
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("graphView"));
    m_options.showAttributes = settings.value(QStringLiteral("showAttributes"), true).toBool();
    m_options.showWeights = settings.value(QStringLiteral("showWeights"), true).toBool();
    m_options.showNames = settings.value(QStringLiteral("showNames"), false).toBool();
    m_options.direction = settings.value(QStringLiteral("horizontal"), false).toBool()
                              ? LayoutInput::Direction::LeftToRight
                              : LayoutInput::Direction::TopToBottom;
}

void GraphView::saveSettings() const
{
    QSettings settings;
    settings.beginGroup(QStringLiteral("graphView"));
    settings.setValue(QStringLiteral("showAttributes"), m_options.showAttributes);
    settings.setValue(QStringLiteral("showWeights"), m_options.showWeights);
    settings.setValue(QStringLiteral("showNames"), m_options.showNames);
    settings.setValue(QStringLiteral("horizontal"), m_options.direction == LayoutInput::Direction::LeftToRight);
}

void GraphView::setGraph(const Core::Graph &graph)
{
    m_graph = graph;
    m_view = Core::ViewGraph::build(graph);
    m_pendingSelection = -1;
    m_report = {};
    m_hasReport = false;
    m_run = {};
    m_hasRun = false;
    m_colourBySupport->setEnabled(false);
    m_colourByCosine->setEnabled(false);
    refreshTints();
    startLayout();
}

void GraphView::setOptions(const GraphViewOptions &options)
{
    if (options == m_options)
        return;
    m_options = options;
    saveSettings();
    for (QAction *action : std::as_const(m_actions)) {
        const QString name = action->objectName();
        QSignalBlocker blocker(action);
        if (name == QLatin1String("showAttributes"))
            action->setChecked(options.showAttributes);
        else if (name == QLatin1String("showWeights"))
            action->setChecked(options.showWeights);
        else if (name == QLatin1String("showNames"))
            action->setChecked(options.showNames);
        else if (name == QLatin1String("horizontalLayout"))
            action->setChecked(options.direction == LayoutInput::Direction::LeftToRight);
    }
    if (!m_graph.isNull()) {
        m_pendingSelection = m_scene ? m_scene->selectedNode() : -1;
        startLayout();
    }
}

bool GraphView::isOverview() const
{
    return m_scene && scene() == m_scene->overviewScene();
}

bool GraphView::isLayoutRunning() const
{
    return m_watcher.isRunning();
}

void GraphView::cancelLayout()
{
    if (m_cancel)
        m_cancel->store(true);
}

void GraphView::startLayout()
{
    // The previous run stops at its next cancel check, on its own: it holds its input and flags
    // (shared), and the watcher reports only the run set last, so nothing waits for it here.
    if (m_cancel)
        m_cancel->store(true);
    // Back from a cancelled layout: the overlay shows progress again.
    showOverlay(false);
    m_overlayLabel->setText(tr("Laying out the graph…"));
    m_overlayProgress->show();
    m_cancelButton->show();
    m_relayoutButton->hide();
    m_pendingInput = m_style.layoutInput(m_view, m_options);
    m_pendingKey = layoutKey(m_pendingInput);
    const auto cached = layoutCache().constFind(m_pendingKey);
    if (cached != layoutCache().constEnd()) {
        m_watcher.setFuture(QtFuture::makeReadyFuture(cached.value()));
        return;
    }
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_progress = std::make_shared<std::atomic_int>(0);
    m_overlayProgress->setValue(0);
    m_overlayTimer->start();
    const LayoutInput input = m_pendingInput;
    auto cancel = m_cancel;
    auto progress = m_progress;
    m_watcher.setFuture(QtConcurrent::run([input, cancel, progress] {
        Core::LayoutControl control;
        control.cancel = cancel.get();
        control.progress = [progress](int value) { progress->store(value); };
        ++s_layoutRuns;
        return Core::layoutGraph(input, control);
    }));
}

void GraphView::onLayoutFinished()
{
    m_overlayTimer->stop();
    showOverlay(false);
    const LayoutResult result = m_watcher.result();
    if (result.cancelled) {
        // The picture on screen belongs to another graph or other options: selecting in it
        // would name the wrong nodes, so it goes, and the overlay offers to lay out again.
        GraphScene *old = m_scene;
        m_scene = nullptr;
        setScene(nullptr);
        delete old;
        m_minimap->refresh();
        m_overlayLabel->setText(tr("Layout cancelled."));
        m_overlayProgress->hide();
        m_cancelButton->hide();
        m_relayoutButton->show();
        showOverlay(true);
        emit layoutCancelled();
        return;
    }
    if (result.nodeRects.size() != m_view.nodes().size()) {
        emit layoutCancelled();
        return;
    }
    if (!layoutCache().contains(m_pendingKey)) {
        layoutCache().insert(m_pendingKey, result);
        layoutCacheOrder().append(m_pendingKey);
        while (layoutCacheOrder().size() > s_cacheCapacity)
            layoutCache().remove(layoutCacheOrder().takeFirst());
    }
    GraphScene *old = m_scene;
    m_scene = new GraphScene(m_graph, m_view, result, m_options, m_style, this);
    m_scene->setCutTensors(m_cut);
    m_scene->setProposedTensors(m_proposed);
    m_scene->setNodeTints(m_tints);
    setScene(m_scene);
    delete old;
    showInitialView();
    m_minimap->refresh();
    if (m_pendingSelection >= 0)
        selectNode(m_pendingSelection);
    emit layoutFinished();
}

void GraphView::setNodeTints(const QHash<int, QColor> &tints, const NodeTintLegend &legend)
{
    m_tints = tints;
    if (m_scene)
        m_scene->setNodeTints(m_tints);
    m_legend->setLegend(legend);
    m_legend->setVisible(!legend.isEmpty());
    placeLegend();
    m_minimap->refresh();
}

void GraphView::clearNodeTints()
{
    setNodeTints({}, {});
}

void GraphView::placeLegend()
{
    m_legend->resize(m_legend->sizeHint());
    m_legend->move(8, 8);
    m_legend->raise();
}

void GraphView::setColourBy(ColourBy mode)
{
    if ((mode == ColourBy::OpSupport && !m_hasReport) || (mode == ColourBy::Cosine && !m_hasRun))
        mode = ColourBy::None;
    {
        QSignalBlocker a(m_colourBySupport);
        QSignalBlocker b(m_colourByCosine);
        m_colourBySupport->setChecked(mode == ColourBy::OpSupport);
        m_colourByCosine->setChecked(mode == ColourBy::Cosine);
    }
    if (mode == m_colourBy)
        return;
    m_colourBy = mode;
    refreshTints();
    emit colourByChanged(mode);
}

void GraphView::setOpSupportReport(const Core::OpSupportReport &report)
{
    m_report = report;
    m_hasReport = true;
    m_colourBySupport->setEnabled(true);
    if (m_colourBy == ColourBy::OpSupport)
        refreshTints();
}

void GraphView::setAccuracyRun(const Core::AccuracyRun &run)
{
    m_run = run;
    m_hasRun = true;
    m_colourByCosine->setEnabled(true);
    if (m_colourBy == ColourBy::Cosine)
        refreshTints();
}

void GraphView::clearAccuracyRun()
{
    m_run = {};
    m_hasRun = false;
    m_colourByCosine->setEnabled(false);
    if (m_colourBy == ColourBy::Cosine)
        setColourBy(ColourBy::None);
}

void GraphView::refreshTints()
{
    if (m_colourBy == ColourBy::OpSupport && m_hasReport) {
        const NodeTints tints = opSupportTints(m_view, m_report);
        setNodeTints(tints.colors, tints.legend);
    } else if (m_colourBy == ColourBy::Cosine && m_hasRun) {
        const NodeTints tints = cosineTints(m_graph, m_view, m_run);
        setNodeTints(tints.colors, tints.legend);
    } else {
        clearNodeTints();
    }
}

void GraphView::showOverlay(bool visible)
{
    if (visible) {
        m_overlay->adjustSize();
        m_overlay->move((viewport()->width() - m_overlay->width()) / 2,
                        (viewport()->height() - m_overlay->height()) / 2);
        m_overlay->raise();
    }
    m_overlay->setVisible(visible);
}

void GraphView::setProposedTensors(const QStringList &onnxTensors)
{
    m_proposed = onnxTensors;
    if (m_scene)
        m_scene->setProposedTensors(onnxTensors);
}

void GraphView::setCutTensors(const QStringList &cutTensors)
{
    m_cut = cutTensors;
    if (m_scene) {
        m_scene->setCutTensors(cutTensors);
        m_minimap->refresh();
    }
}

void GraphView::selectNode(int displayIndex)
{
    if (!m_scene)
        return;
    m_scene->selectNode(displayIndex);
    if (displayIndex >= 0)
        centerOnNode(displayIndex);
    emit nodeSelected(m_scene->selectedNode());
}

void GraphView::selectTensor(const QString &tensor)
{
    if (!m_scene)
        return;
    m_scene->selectNode(-1);
    m_scene->selectTensor(tensor);
    const QList<int> edges = m_view.edgesOfTensor(tensor);
    if (!edges.isEmpty()) {
        const EdgeItem *edge = m_scene->edgeItems().at(edges.first());
        ensureVisible(edge->boundingRect(), 40, 40);
    }
    emit tensorSelected(tensor);
}

void GraphView::highlightNode(int displayIndex)
{
    if (!m_scene)
        return;
    m_scene->setHighlightedNode(displayIndex);
    if (displayIndex >= 0)
        centerOnNode(displayIndex);
}

void GraphView::centerOnNode(int displayIndex)
{
    const NodeItem *item = m_scene ? m_scene->nodeItem(displayIndex) : nullptr;
    if (!item)
        return;
    if (zoom() < 0.8)
        setZoom(1.0); // a found node must be readable
    centerOn(item->box().center());
}

double GraphView::zoom() const
{
    return transform().m11();
}

double GraphView::fitScale() const
{
    if (!m_scene)
        return 1.0;
    const QRectF rect = m_scene->sceneRect();
    const QRectF view = viewport()->rect();
    if (rect.isEmpty() || view.isEmpty())
        return 1.0;
    return std::min(view.width() / rect.width(), view.height() / rect.height());
}

void GraphView::setZoom(double factor)
{
    const double low = std::max(s_minZoomFloor, std::min(fitScale(), 1.0) * 0.5);
    factor = std::clamp(factor, low, s_maxZoom);
    setTransform(QTransform::fromScale(factor, factor));
    if (m_scene) {
        QGraphicsScene *wanted = factor < NodeItem::lodThreshold ? m_scene->overviewScene() : m_scene;
        if (scene() != wanted) {
            const QPointF centre = mapToScene(viewport()->rect().center());
            setScene(wanted);
            centerOn(centre);
        }
    }
    m_minimap->syncVisibility();
    emit zoomChanged(factor);
}

void GraphView::zoomBy(double factor, const QPointF &viewportAnchor)
{
    const QPointF before = mapToScene(viewportAnchor.toPoint());
    const ViewportAnchor anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setZoom(zoom() * factor);
    const QPointF after = mapToScene(viewportAnchor.toPoint());
    const QPointF delta = (after - before) * zoom();
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - int(std::round(delta.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() - int(std::round(delta.y())));
    setTransformationAnchor(anchor);
}

void GraphView::zoomIn()
{
    zoomBy(1.1, viewport()->rect().center());
}

void GraphView::zoomOut()
{
    zoomBy(1.0 / 1.1, viewport()->rect().center());
}

void GraphView::fitToWindow()
{
    if (!m_scene)
        return;
    setZoom(std::min(fitScale(), 1.0));
    centerOn(m_scene->sceneRect().center());
}

void GraphView::showInitialView()
{
    // Like Netron: a graph that only fits as a speck opens readable at its inputs instead.
    if (fitScale() >= 0.5) {
        fitToWindow();
        return;
    }
    setZoom(std::min(1.0, std::max(0.8, viewport()->width() / m_scene->sceneRect().width())));
    const QRectF rect = m_scene->sceneRect();
    const QRectF visible = mapToScene(viewport()->rect()).boundingRect();
    if (m_options.direction == LayoutInput::Direction::TopToBottom)
        centerOn(rect.center().x(), rect.top() + visible.height() / 2);
    else
        centerOn(rect.left() + visible.width() / 2, rect.center().y());
}

void GraphView::wheelEvent(QWheelEvent *event)
{
    // Netron: the wheel scrolls; Ctrl (and trackpad pinch, which arrives as Ctrl+wheel) or
    // Shift zooms around the cursor.
    if (event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier)) {
        const QPoint delta = event->angleDelta();
        const int steps = delta.y() != 0 ? delta.y() : delta.x();
        zoomBy(std::pow(1.1, steps / 120.0), event->position());
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
    m_minimap->update();
}

bool GraphView::viewportEvent(QEvent *event)
{
    if (event->type() == QEvent::NativeGesture) {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + gesture->value(), gesture->position());
            return true;
        }
    }
    if (event->type() == QEvent::Gesture) {
        auto *gestureEvent = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(gestureEvent->gesture(Qt::PinchGesture))) {
            zoomBy(pinch->scaleFactor(), mapFromGlobal(pinch->centerPoint().toPoint()));
            return true;
        }
    }
    return QGraphicsView::viewportEvent(event);
}

void GraphView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        m_pressed = true;
        m_dragging = false;
        m_pressPos = event->pos();
        m_lastPos = event->pos();
        event->accept();
        return;
    }
    QGraphicsView::mousePressEvent(event);
}

void GraphView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_pressed) {
        if (!m_dragging && (event->pos() - m_pressPos).manhattanLength() > 4) {
            m_dragging = true;
            viewport()->setCursor(Qt::ClosedHandCursor);
        }
        if (m_dragging) {
            const QPoint delta = event->pos() - m_lastPos;
            horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
            verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
        }
        m_lastPos = event->pos();
        event->accept();
        return;
    }
    QGraphicsView::mouseMoveEvent(event);
}

void GraphView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton && m_pressed) {
        m_pressed = false;
        viewport()->unsetCursor();
        if (!m_dragging) // a drag suppresses the click, like Netron
            handleClick(event->pos(), event->modifiers());
        m_dragging = false;
        event->accept();
        return;
    }
    QGraphicsView::mouseReleaseEvent(event);
}

QStringList GraphView::cuttableOutputs(int displayIndex) const
{
    if (displayIndex < 0 || displayIndex >= m_view.nodes().size())
        return {};
    const Core::ViewGraph::Node &node = m_view.nodes().at(displayIndex);
    if (node.kind == Core::ViewGraph::Node::Kind::Op) {
        QStringList outputs;
        for (const QString &output : m_graph.nodes().at(node.onnxNode).outputs) {
            if (!output.isEmpty())
                outputs.append(output);
        }
        return outputs;
    }
    if (node.kind == Core::ViewGraph::Node::Kind::Output)
        return {node.tensor};
    return {};
}

void GraphView::handleClick(const QPoint &viewportPos, Qt::KeyboardModifiers modifiers)
{
    if (!m_scene)
        return;
    QList<QGraphicsItem *> hits = items(viewportPos);
    if (isOverview()) {
        const int index = m_scene->nodeAt(mapToScene(viewportPos));
        hits = index >= 0 ? QList<QGraphicsItem *>{m_scene->nodeItem(index)} : QList<QGraphicsItem *>();
    }
    for (QGraphicsItem *item : hits) {
        if (item->type() == NodeItem::Type) {
            const int index = static_cast<NodeItem *>(item)->displayIndex();
            if (modifiers & Qt::ControlModifier) {
                const QStringList outputs = cuttableOutputs(index);
                // One output: toggle it directly; several: the context menu asks which.
                if (outputs.size() == 1)
                    emit cutToggleRequested(outputs.first());
                else if (outputs.size() > 1)
                    contextMenuEvent(nullptr);
                return;
            }
            m_scene->selectNode(index);
            emit nodeSelected(index);
            return;
        }
    }
    for (QGraphicsItem *item : hits) {
        if (item->type() == EdgeItem::Type) {
            const QString tensor = static_cast<EdgeItem *>(item)->tensor();
            if (modifiers & Qt::ControlModifier) {
                emit cutToggleRequested(tensor);
                return;
            }
            m_scene->selectNode(-1);
            m_scene->selectTensor(tensor);
            emit tensorSelected(tensor);
            return;
        }
    }
    m_scene->selectNode(-1);
    emit nodeSelected(-1);
}

void GraphView::contextMenuEvent(QContextMenuEvent *event)
{
    if (!m_scene)
        return;
    const QPoint pos = event ? event->pos() : m_pressPos;
    const QPoint globalPos = event ? event->globalPos() : viewport()->mapToGlobal(m_pressPos);
    QStringList tensors;
    QString title;
    QList<QGraphicsItem *> hits = items(pos);
    if (isOverview()) {
        const int index = m_scene->nodeAt(mapToScene(pos));
        hits = index >= 0 ? QList<QGraphicsItem *>{m_scene->nodeItem(index)} : QList<QGraphicsItem *>();
    }
    for (QGraphicsItem *item : std::as_const(hits)) {
        if (item->type() == NodeItem::Type) {
            const int index = static_cast<NodeItem *>(item)->displayIndex();
            tensors = cuttableOutputs(index);
            title = m_view.nodes().at(index).name;
            break;
        }
        if (item->type() == EdgeItem::Type && tensors.isEmpty()) {
            tensors = {static_cast<EdgeItem *>(item)->tensor()};
            title = tensors.first();
        }
    }
    if (tensors.isEmpty())
        return;
    QMenu menu(this);
    menu.setObjectName(QStringLiteral("graphContextMenu"));
    menu.addSection(title);
    for (const QString &tensor : std::as_const(tensors)) {
        const bool isCut = m_cut.contains(tensor);
        const QString text = tensors.size() == 1
                                 ? (isCut ? tr("Remove Cut Point") : tr("Cut Here (Make Output)"))
                                 : tr("Cut at %1").arg(tensor);
        QAction *action = menu.addAction(text, this, [this, tensor] { emit cutToggleRequested(tensor); });
        action->setCheckable(tensors.size() > 1);
        action->setChecked(isCut);
    }
    menu.exec(globalPos);
}

void GraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    m_minimap->reposition();
    m_minimap->syncVisibility();
    if (m_overlay->isVisible())
        showOverlay(true);
}

void GraphView::scrollContentsBy(int dx, int dy)
{
    QGraphicsView::scrollContentsBy(dx, dy);
    m_minimap->syncVisibility();
    placeLegend(); // viewport scrolling moves child widgets along
}

} // namespace Mcw::Widgets
