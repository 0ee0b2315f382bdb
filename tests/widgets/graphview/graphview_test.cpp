// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/document/projectdocument.h>
#include <widgets/graphview/cutlistedit.h>
#include <widgets/graphview/edgeitem.h>
#include <widgets/graphview/findpanel.h>
#include <widgets/graphview/findresultmodel.h>
#include <widgets/graphview/graphexporter.h>
#include <widgets/graphview/graphscene.h>
#include <widgets/graphview/graphstyle.h>
#include <widgets/graphview/graphview.h>
#include <widgets/graphview/nodeitem.h>
#include <widgets/graphview/nodetintlegendwidget.h>
#include <widgets/graphview/nodetints.h>
#include <widgets/properties/propertiespanel.h>

#include <core/layout/viewgraph.h>
#include <core/onnx/onnxloader.h>
#include <core/opsupport/opsupportanalyzer.h>

#include "../../support/testpaths.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QImage>
#include <QImageReader>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTreeWidget>
#include <QUndoStack>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <cmath>

using namespace Mcw;
using Widgets::GraphView;

static QString modelPath(const char *name)
{
    return QStringLiteral(MCW_VIEWGRAPH_MODELS "/") + QString::fromLatin1(name);
}

static Core::Graph loadModel(const QString &path)
{
    Core::Expected<Core::Graph> graph = Core::OnnxLoader::loadFile(path);
    EXPECT_TRUE(graph.has_value()) << qPrintable(path);
    return graph ? *graph : Core::Graph();
}

static int nodeNamed(const Core::ViewGraph &view, const QString &name)
{
    for (int i = 0; i < view.nodes().size(); ++i) {
        if (view.nodes().at(i).name == name)
            return i;
    }
    return -1;
}

/** A shown view with a laid-out model (layout finished). */
struct ShownView
{
    explicit ShownView(const char *model)
    {
        view.resize(900, 700);
        view.show();
        QSignalSpy done(&view, &GraphView::layoutFinished);
        view.setGraph(loadModel(modelPath(model)));
        if (done.isEmpty()) {
            EXPECT_TRUE(done.wait(10000));
        }
    }
    Widgets::GraphScene *scene() const { return view.graphScene(); }
    GraphView view;
};

static QAction *viewAction(const GraphView &view, const char *name)
{
    for (QAction *action : view.viewActions()) {
        if (action->objectName() == QLatin1String(name))
            return action;
    }
    return nullptr;
}

class GraphViewTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        QSettings().remove(QStringLiteral("graphView")); // every test starts from the defaults
    }
};

TEST_F(GraphViewTest, SceneHasOneItemPerDisplayNodeAndEdge)
{
    ShownView shown("small.onnx");
    ASSERT_NE(shown.scene(), nullptr);
    const Core::ViewGraph &view = shown.view.viewGraph();
    EXPECT_EQ(shown.scene()->nodeItems().size(), view.nodes().size());
    EXPECT_EQ(shown.scene()->edgeItems().size(), view.edges().size());
    EXPECT_EQ(view.nodes().size(), 10);
    // Inputs/outputs are drawn in their own colour, op headers by category.
    const Widgets::GraphStyle &style = shown.scene()->style();
    EXPECT_NE(style.headerColor(Core::OpCategory::Input), style.headerColor(Core::OpCategory::Layer));
    EXPECT_NE(style.headerColor(Core::OpCategory::Layer), style.headerColor(Core::OpCategory::Activation));
    // No two node boxes overlap.
    const auto &items = shown.scene()->nodeItems();
    for (int i = 0; i < items.size(); ++i)
        for (int j = i + 1; j < items.size(); ++j)
            EXPECT_FALSE(items[i]->box().intersects(items[j]->box())) << i << " " << j;
}

TEST_F(GraphViewTest, LevelOfDetailDropsTextWhenZoomedOut)
{
    ShownView shown("small.onnx");
    Widgets::NodeItem *conv = shown.scene()->nodeItem(nodeNamed(shown.view.viewGraph(), QStringLiteral("/model.0/conv/Conv")));
    ASSERT_NE(conv, nullptr);
    const QRectF rect = shown.scene()->sceneRect();
    auto renderAt = [&](double scale) {
        QImage image((rect.size() * scale).toSize() + QSize(1, 1), QImage::Format_ARGB32_Premultiplied);
        QPainter painter(&image);
        shown.scene()->render(&painter, QRectF(QPointF(0, 0), rect.size() * scale), rect);
    };
    renderAt(0.2);
    EXPECT_FALSE(conv->paintedText());
    renderAt(1.0);
    EXPECT_TRUE(conv->paintedText());
    renderAt(Widgets::NodeItem::lodThreshold * 0.9);
    EXPECT_FALSE(conv->paintedText());
}

TEST_F(GraphViewTest, LowZoomSwitchesToTheBatchedOverview)
{
    ShownView shown("small.onnx");
    shown.view.resize(160, 160); // the zoom floor is half the fit-to-window scale
    shown.view.setZoom(1.0);
    EXPECT_FALSE(shown.view.isOverview());
    EXPECT_EQ(shown.view.scene(), shown.scene());
    shown.view.setZoom(Widgets::NodeItem::lodThreshold * 0.9);
    EXPECT_TRUE(shown.view.isOverview());
    EXPECT_EQ(shown.view.scene(), shown.scene()->overviewScene());

    // Clicks still hit nodes while their items are hidden.
    const int relu = nodeNamed(shown.view.viewGraph(), QStringLiteral("/model.0/act/Relu"));
    const QPointF centre = shown.scene()->nodeItem(relu)->box().center();
    shown.view.centerOn(centre);
    QSignalSpy selected(&shown.view, &GraphView::nodeSelected);
    QTest::mouseClick(shown.view.viewport(), Qt::LeftButton, {}, shown.view.mapFromScene(centre));
    ASSERT_EQ(selected.count(), 1);
    EXPECT_EQ(selected.first().first().toInt(), relu);

    // The overview paints the boxes: the selected node's pixel is the selection colour.
    const QImage frame = shown.view.viewport()->grab().toImage();
    const QPoint p = shown.view.mapFromScene(centre);
    EXPECT_EQ(frame.pixelColor(p).rgb(), shown.scene()->style().selection().rgb());
    shown.view.setZoom(1.0);
    EXPECT_FALSE(shown.view.isOverview());
}

TEST_F(GraphViewTest, CutGreysExactlyTheNonAncestors)
{
    ShownView shown("branchy.onnx");
    const Core::ViewGraph &view = shown.view.viewGraph();
    // branchy: x → A → S → (s0 → H0 → h0, s1 → H1 → h1) → Sum → Tail → y.
    // Cutting at h0 keeps the ancestors of h0: A, S, H0; the graph input x stays.
    shown.view.setCutTensors({QStringLiteral("h0")});
    QStringList greyed;
    for (const Widgets::NodeItem *item : shown.scene()->nodeItems()) {
        if (item->isGreyed())
            greyed.append(view.nodes().at(item->displayIndex()).name);
    }
    greyed.sort();
    EXPECT_EQ(greyed, (QStringList{QStringLiteral("H1"), QStringLiteral("Sum"), QStringLiteral("Tail"),
                                   QStringLiteral("y")}));
    EXPECT_TRUE(shown.scene()->nodeItem(nodeNamed(view, QStringLiteral("H0")))->hasCutMarker());
    EXPECT_FALSE(shown.scene()->nodeItem(nodeNamed(view, QStringLiteral("S")))->hasCutMarker());
    for (const int e : view.edgesOfTensor(QStringLiteral("h0")))
        EXPECT_TRUE(shown.scene()->edgeItems().at(e)->isCut());
    for (const int e : view.edgesOfTensor(QStringLiteral("s1")))
        EXPECT_TRUE(shown.scene()->edgeItems().at(e)->isGreyed());
    for (const int e : view.edgesOfTensor(QStringLiteral("a")))
        EXPECT_FALSE(shown.scene()->edgeItems().at(e)->isGreyed());

    // Cutting at both Split outputs keeps A and S only.
    shown.view.setCutTensors({QStringLiteral("s0"), QStringLiteral("s1")});
    int greyCount = 0;
    for (const Widgets::NodeItem *item : shown.scene()->nodeItems())
        greyCount += item->isGreyed() ? 1 : 0;
    EXPECT_EQ(greyCount, 5); // H0, H1, Sum, Tail, y
    EXPECT_TRUE(shown.scene()->nodeItem(nodeNamed(view, QStringLiteral("S")))->hasCutMarker());

    shown.view.setCutTensors({});
    for (const Widgets::NodeItem *item : shown.scene()->nodeItems())
        EXPECT_FALSE(item->isGreyed());
}

// Layers a search proposes for BF16 are marked on their producers, and only there; the marks
// survive a new layout and go with an empty list.
TEST_F(GraphViewTest, ProposedLayersAreMarkedOnTheirProducers)
{
    ShownView shown("branchy.onnx");
    const Core::ViewGraph &view = shown.view.viewGraph();
    const auto marked = [&] {
        QStringList names;
        for (const Widgets::NodeItem *item : shown.scene()->nodeItems()) {
            if (item->hasProposalMarker())
                names.append(view.nodes().at(item->displayIndex()).name);
        }
        names.sort();
        return names;
    };
    const Widgets::NodeItem *h0 = shown.scene()->nodeItem(nodeNamed(view, QStringLiteral("H0")));
    const QRectF plain = h0->boundingRect();
    // h0 is H0's output, a is A's; "nope" is no tensor of the model.
    shown.view.setProposedTensors({QStringLiteral("h0"), QStringLiteral("a"), QStringLiteral("nope")});
    EXPECT_EQ(marked(), (QStringList{QStringLiteral("A"), QStringLiteral("H0")}));
    EXPECT_LT(h0->boundingRect().top(), plain.top()); // room for the tag above the node
    shown.view.setProposedTensors({});
    EXPECT_TRUE(marked().isEmpty());
}

// The cut lives in the project: each edit is one step of the document's undo stack.
TEST_F(GraphViewTest, CutEditsUndoAndRedo)
{
    Widgets::ProjectDocument document;
    QSignalSpy changed(&document, &Widgets::ProjectDocument::cutTensorsChanged);
    auto cut = [&document] { return document.project().cutTensors; };
    document.toggleCutTensor(QStringLiteral("h0"));
    document.toggleCutTensor(QStringLiteral("h1"));
    EXPECT_EQ(cut(), (QStringList{QStringLiteral("h0"), QStringLiteral("h1")}));
    document.toggleCutTensor(QStringLiteral("h0")); // remove
    EXPECT_EQ(cut(), QStringList{QStringLiteral("h1")});
    document.setCutTensors({QStringLiteral("a"), QStringLiteral("s1")});
    EXPECT_EQ(document.undoStack()->count(), 4);
    EXPECT_EQ(changed.count(), 4);
    EXPECT_EQ(document.undoStack()->text(1), QStringLiteral("Add cut point h1"));
    EXPECT_EQ(document.undoStack()->text(2), QStringLiteral("Remove cut point h0"));

    document.undoStack()->undo();
    EXPECT_EQ(cut(), QStringList{QStringLiteral("h1")});
    document.undoStack()->undo(); // the removal comes back at its old position
    EXPECT_EQ(cut(), (QStringList{QStringLiteral("h0"), QStringLiteral("h1")}));
    document.undoStack()->undo();
    document.undoStack()->undo();
    EXPECT_TRUE(cut().isEmpty());
    EXPECT_FALSE(document.undoStack()->canUndo());
    document.undoStack()->redo();
    document.undoStack()->redo();
    document.undoStack()->redo();
    EXPECT_EQ(cut(), QStringList{QStringLiteral("h1")});
    document.undoStack()->redo();
    EXPECT_EQ(cut(), (QStringList{QStringLiteral("a"), QStringLiteral("s1")}));
    EXPECT_EQ(changed.last().first().toStringList(), cut());

    document.setCutTensors(cut()); // equal: no new step
    EXPECT_EQ(document.undoStack()->count(), 4);
    // A form edit between cut edits stays in the same history and leaves the cut alone.
    Core::Project p = document.project();
    p.labels = {QStringLiteral("cat")};
    document.edit(p, QStringLiteral("Labels"));
    document.undoStack()->undo();
    EXPECT_EQ(cut(), (QStringList{QStringLiteral("a"), QStringLiteral("s1")}));
}

TEST_F(GraphViewTest, UndoRestoresThePruningInTheView)
{
    ShownView shown("branchy.onnx");
    Widgets::ProjectDocument cuts;
    QObject::connect(&cuts, &Widgets::ProjectDocument::cutTensorsChanged, &shown.view, &GraphView::setCutTensors);
    QObject::connect(&shown.view, &GraphView::cutToggleRequested, &cuts, &Widgets::ProjectDocument::toggleCutTensor);
    const int tail = nodeNamed(shown.view.viewGraph(), QStringLiteral("Tail"));
    emit shown.view.cutToggleRequested(QStringLiteral("h1"));
    EXPECT_TRUE(shown.scene()->nodeItem(tail)->isGreyed());
    cuts.undoStack()->undo();
    EXPECT_FALSE(shown.scene()->nodeItem(tail)->isGreyed());
    cuts.undoStack()->redo();
    EXPECT_TRUE(shown.scene()->nodeItem(tail)->isGreyed());
}

TEST_F(GraphViewTest, ClickSelectsAndCtrlClickTogglesTheCut)
{
    ShownView shown("small.onnx");
    const int relu = nodeNamed(shown.view.viewGraph(), QStringLiteral("/model.0/act/Relu"));
    shown.view.setZoom(1.0);
    shown.view.centerOn(shown.scene()->nodeItem(relu)->box().center());
    const QPoint pos = shown.view.mapFromScene(shown.scene()->nodeItem(relu)->box().center());

    QSignalSpy selected(&shown.view, &GraphView::nodeSelected);
    QSignalSpy cut(&shown.view, &GraphView::cutToggleRequested);
    QTest::mouseClick(shown.view.viewport(), Qt::LeftButton, {}, pos);
    ASSERT_EQ(selected.count(), 1);
    EXPECT_EQ(selected.first().first().toInt(), relu);
    EXPECT_TRUE(shown.scene()->nodeItem(relu)->isMarked());
    EXPECT_EQ(cut.count(), 0);

    QTest::mouseClick(shown.view.viewport(), Qt::LeftButton, Qt::ControlModifier, pos);
    ASSERT_EQ(cut.count(), 1);
    EXPECT_EQ(cut.first().first().toString(), QStringLiteral("/model.0/act/Relu_output_0"));

    // A click on the background clears the selection.
    QTest::mouseClick(shown.view.viewport(), Qt::LeftButton, {}, QPoint(2, 2));
    EXPECT_EQ(selected.last().first().toInt(), -1);
    EXPECT_FALSE(shown.scene()->nodeItem(relu)->isMarked());
}

TEST_F(GraphViewTest, ClickingAnEdgeSelectsItsTensor)
{
    ShownView shown("small.onnx");
    const QList<int> edges = shown.view.viewGraph().edgesOfTensor(QStringLiteral("scaled"));
    ASSERT_EQ(edges.size(), 1);
    Widgets::EdgeItem *edge = shown.scene()->edgeItems().at(edges.first());
    shown.view.setZoom(1.0);
    const QPointF mid = edge->path().pointAtPercent(0.5);
    shown.view.centerOn(mid);
    QSignalSpy tensor(&shown.view, &GraphView::tensorSelected);
    QTest::mouseClick(shown.view.viewport(), Qt::LeftButton, {}, shown.view.mapFromScene(mid));
    ASSERT_EQ(tensor.count(), 1);
    EXPECT_EQ(tensor.first().first().toString(), QStringLiteral("scaled"));
    EXPECT_TRUE(edge->isMarked());
}

TEST_F(GraphViewTest, PropertiesShowNodeAndComputeStatsOnDemand)
{
    const Core::Graph graph = loadModel(modelPath("small.onnx"));
    const Core::ViewGraph view = Core::ViewGraph::build(graph);
    Widgets::PropertiesPanel panel;
    panel.setGraph(graph, view);
    panel.showNode(nodeNamed(view, QStringLiteral("/model.0/conv/Conv")));
    ASSERT_NE(panel.findItem(QStringLiteral("Node"), QStringLiteral("type")), nullptr);
    EXPECT_EQ(panel.findItem(QStringLiteral("Node"), QStringLiteral("type"))->text(1), QStringLiteral("Conv"));
    EXPECT_EQ(panel.findItem(QStringLiteral("Node"), QStringLiteral("domain"))->text(1), QStringLiteral("ai.onnx"));
    EXPECT_EQ(panel.findItem(QStringLiteral("Attributes"), QStringLiteral("strides"))->text(1), QStringLiteral("[1, 1]"));
    QTreeWidgetItem *input = panel.findItem(QStringLiteral("Inputs"), QStringLiteral("0"));
    ASSERT_NE(input, nullptr);
    EXPECT_EQ(input->text(1), QStringLiteral("images  float32 [1,3,8,8]"));
    QTreeWidgetItem *weight = panel.findItem(QStringLiteral("Weights"), QStringLiteral("model.0.conv.weight"));
    ASSERT_NE(weight, nullptr);
    EXPECT_EQ(weight->text(1), QStringLiteral("float32 [4,3,3,3]"));
    EXPECT_EQ(weight->childCount(), 0); // stats only on demand

    ASSERT_TRUE(panel.statsButton()->isEnabled());
    QSignalSpy ready(&panel, &Widgets::PropertiesPanel::statsReady);
    panel.statsButton()->click();
    ASSERT_TRUE(ready.wait(5000));
    // weight = arange(108) / 100: min 0, max 1.07, mean 0.535; bias = [0, 1, 2, 3]: 25 % zeros.
    ASSERT_EQ(weight->childCount(), 1);
    const QString stats = weight->child(0)->text(1);
    EXPECT_TRUE(stats.startsWith(QStringLiteral("min 0, max 1.07, mean 0.535,"))) << qPrintable(stats);
    QTreeWidgetItem *bias = panel.findItem(QStringLiteral("Weights"), QStringLiteral("model.0.conv.bias"));
    ASSERT_EQ(bias->childCount(), 1);
    EXPECT_TRUE(bias->child(0)->text(1).contains(QStringLiteral("mean 1.5,")));
    EXPECT_TRUE(bias->child(0)->text(1).endsWith(QStringLiteral("zeros 25.0 %")));
}

TEST_F(GraphViewTest, TensorPropertiesLinkProducerAndConsumers)
{
    const Core::Graph graph = loadModel(modelPath("small.onnx"));
    const Core::ViewGraph view = Core::ViewGraph::build(graph);
    Widgets::PropertiesPanel panel;
    panel.setGraph(graph, view);
    // Nothing selected yet: one greyed hint, not an empty table.
    ASSERT_EQ(panel.tree()->topLevelItemCount(), 1);
    EXPECT_TRUE(panel.tree()->topLevelItem(0)->text(0).startsWith(QStringLiteral("Click a node")));
    EXPECT_EQ(panel.tree()->topLevelItem(0)->flags(), Qt::NoItemFlags);
    panel.showTensor(QStringLiteral("shifted"));
    EXPECT_EQ(panel.tree()->topLevelItem(0)->text(0), QStringLiteral("Tensor")) << "the hint goes when something shows";
    EXPECT_EQ(panel.findItem(QStringLiteral("Tensor"), QStringLiteral("shape"))->text(1), QStringLiteral("[1,4,8,8]"));
    QTreeWidgetItem *producer = panel.findItem(QStringLiteral("Producer"), QStringLiteral("node"));
    ASSERT_NE(producer, nullptr);
    EXPECT_EQ(producer->data(0, Widgets::PropertiesPanel::LinkTargetRole).toInt(), nodeNamed(view, QStringLiteral("/model.1/Add")));

    QTreeWidgetItem *consumers = panel.tree()->findItems(QStringLiteral("Consumers"), Qt::MatchExactly).value(0);
    ASSERT_NE(consumers, nullptr);
    ASSERT_EQ(consumers->childCount(), 2);
    QSignalSpy jump(&panel, &Widgets::PropertiesPanel::nodeActivated);
    emit panel.tree()->itemClicked(consumers->child(1), 0);
    ASSERT_EQ(jump.count(), 1);
    const int target = jump.first().first().toInt();
    const QString name = view.nodes().at(target).name;
    EXPECT_TRUE(name == QStringLiteral("/model.22/Reshape") || name == QStringLiteral("/model.2/MaxPool")) << qPrintable(name);

    QSignalSpy tensorJump(&panel, &Widgets::PropertiesPanel::tensorActivated);
    panel.showNode(nodeNamed(view, QStringLiteral("/model.1/Add")));
    emit panel.tree()->itemClicked(panel.findItem(QStringLiteral("Outputs"), QStringLiteral("0")), 0);
    ASSERT_EQ(tensorJump.count(), 1);
    EXPECT_EQ(tensorJump.first().first().toString(), QStringLiteral("shifted"));
}

TEST_F(GraphViewTest, FindPanelListsHitsAndHighlights)
{
    ShownView shown("small.onnx");
    Widgets::FindPanel panel;
    QAbstractItemModelTester tester(panel.model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    panel.setGraph(shown.view.graph(), shown.view.viewGraph());
    QObject::connect(&panel, &Widgets::FindPanel::hitHighlighted, &shown.view,
                     [&shown](const Core::FindHit &hit) { shown.view.highlightNode(hit.displayNode); });
    panel.setQuery(QStringLiteral("conv"));
    // The Conv node, its output tensor, weight and bias.
    ASSERT_EQ(panel.model()->rowCount(), 4);
    EXPECT_EQ(panel.model()->index(0).data(Widgets::FindResultModel::KindRole).toString(), QStringLiteral("node"));
    panel.setQuery(QStringLiteral("1,4,4,4"));
    ASSERT_EQ(panel.model()->rowCount(), 1);
    EXPECT_EQ(panel.model()->index(0).data(Widgets::FindResultModel::TensorRole).toString(), QStringLiteral("pooled"));

    panel.setQuery(QStringLiteral("Sigmoid"));
    ASSERT_EQ(panel.model()->rowCount(), 1);
    QSignalSpy highlighted(&panel, &Widgets::FindPanel::hitHighlighted);
    panel.resultView()->setCurrentIndex(panel.model()->index(0));
    ASSERT_EQ(highlighted.count(), 1);
    const int sigmoid = nodeNamed(shown.view.viewGraph(), QStringLiteral("/model.22/Sigmoid"));
    EXPECT_TRUE(shown.scene()->nodeItem(sigmoid)->isHighlighted());
    // Centred: the node is inside the visible area.
    const QRectF visible = shown.view.mapToScene(shown.view.viewport()->rect()).boundingRect();
    EXPECT_TRUE(visible.contains(shown.scene()->nodeItem(sigmoid)->box().center()));

    panel.setQuery(QString());
    EXPECT_EQ(panel.model()->rowCount(), 0);
}

TEST_F(GraphViewTest, CutListTextIsValidatedAgainstTheGraph)
{
    Widgets::ProjectDocument cuts;
    Widgets::CutListEdit edit(&cuts);
    edit.setGraph(loadModel(modelPath("branchy.onnx")));
    edit.lineEdit()->setText(QStringLiteral("h0, nope ,h1"));
    EXPECT_FALSE(edit.commit());
    EXPECT_TRUE(edit.errorText().contains(QStringLiteral("nope")));
    EXPECT_TRUE(cuts.project().cutTensors.isEmpty());
    edit.lineEdit()->setText(QStringLiteral(" h0 ,, h1 "));
    EXPECT_TRUE(edit.commit());
    EXPECT_EQ(cuts.project().cutTensors, (QStringList{QStringLiteral("h0"), QStringLiteral("h1")}));
    EXPECT_TRUE(edit.errorText().isEmpty());
    cuts.toggleCutTensor(QStringLiteral("s1"));
    EXPECT_EQ(edit.lineEdit()->text(), QStringLiteral("h0, h1, s1"));
    cuts.undoStack()->undo();
    cuts.undoStack()->undo();
    EXPECT_EQ(edit.lineEdit()->text(), QString());
}

TEST_F(GraphViewTest, ExportsPngOfTheSceneSize)
{
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("small.png"));
    ASSERT_TRUE(Widgets::GraphExporter::exportModel(modelPath("small.onnx"), png));
    const auto scene = Widgets::GraphExporter::buildScene(loadModel(modelPath("small.onnx")), {});
    QImage image(png);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), int(std::ceil(scene->sceneRect().width() * 2)));
    EXPECT_EQ(image.height(), int(std::ceil(scene->sceneRect().height() * 2)));
    // Plausible: 10 nodes stacked vertically are taller than wide and not blank.
    EXPECT_GT(image.height(), image.width());
    EXPECT_GT(image.width(), 200);
    const QColor background = image.pixelColor(2, 2);
    int differing = 0;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            differing += image.pixelColor(x, y) != background ? 1 : 0;
    EXPECT_GT(differing, 200);

    const auto bad = Widgets::GraphExporter::exportModel(modelPath("small.onnx"), dir.filePath(QStringLiteral("x.jpg")));
    ASSERT_FALSE(bad);
    EXPECT_TRUE(bad.error().message.contains(QStringLiteral("x.jpg")));
}

TEST_F(GraphViewTest, ExportsSvgWithOneGroupPerNode)
{
    QTemporaryDir dir;
    const QString svgPath = dir.filePath(QStringLiteral("small.svg"));
    ASSERT_TRUE(Widgets::GraphExporter::exportModel(modelPath("small.onnx"), svgPath));
    QFile file(svgPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QString svg = QString::fromUtf8(file.readAll());
    const Core::ViewGraph view = Core::ViewGraph::build(loadModel(modelPath("small.onnx")));
    EXPECT_EQ(svg.count(QStringLiteral("class=\"node\"")), view.nodes().size());
    EXPECT_EQ(svg.count(QStringLiteral("class=\"edge\"")), view.edges().size());
    for (int i = 0; i < view.nodes().size(); ++i)
        EXPECT_EQ(svg.count(QStringLiteral("id=\"node-%1\"").arg(i)), 1);
    EXPECT_TRUE(svg.contains(QStringLiteral("<title>Conv: /model.0/conv/Conv</title>")));
    // Every node group has drawing content, and the text of the header is in it.
    const QRegularExpression group(QStringLiteral("<g id=\"node-\\d+\" class=\"node\">(.*?)\\n</g>\\n"),
                                   QRegularExpression::DotMatchesEverythingOption);
    int groups = 0;
    for (auto it = group.globalMatch(svg); it.hasNext(); ++groups)
        EXPECT_TRUE(it.next().captured(1).contains(QStringLiteral("<path")));
    EXPECT_EQ(groups, view.nodes().size());
    EXPECT_TRUE(svg.contains(QStringLiteral(">MaxPool</text>")));
}

// Parsed as XML (any error fails), every node of YOLOv8n is one group whose <title> is
// "OpType: name" and whose first text is the header the view paints.
TEST_F(GraphViewTest, ExportedSvgIsWellFormedXmlAndLabelsEveryNode)
{
    QTemporaryDir dir;
    const QString svgPath = dir.filePath(QStringLiteral("yolov8n.svg"));
    const QString model = Tests::generatedModel(QStringLiteral("yolov8n"));
    ASSERT_TRUE(Widgets::GraphExporter::exportModel(model, svgPath));
    QFile file(svgPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    QHash<QString, QString> titles;  // group id -> <title>
    QHash<QString, QString> headers; // group id -> first <text>
    QString group;
    int depth = 0, groupDepth = -1;
    bool rootIsSvg = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            ++depth;
            if (depth == 1)
                rootIsSvg = xml.name() == QLatin1String("svg");
            if (xml.name() == QLatin1String("g")) {
                group = xml.attributes().value(QLatin1String("id")).toString();
                groupDepth = depth;
            } else if (!group.isEmpty() && xml.name() == QLatin1String("title")) {
                titles.insert(group, xml.readElementText());
                --depth;
            } else if (!group.isEmpty() && xml.name() == QLatin1String("text") && !headers.contains(group)) {
                headers.insert(group, xml.readElementText(QXmlStreamReader::IncludeChildElements));
                --depth;
            }
        } else if (xml.isEndElement()) {
            if (depth == groupDepth)
                group.clear();
            --depth;
        }
    }
    ASSERT_FALSE(xml.hasError()) << xml.errorString().toStdString() << " at line " << xml.lineNumber();
    EXPECT_TRUE(rootIsSvg);

    const Core::ViewGraph view = Core::ViewGraph::build(loadModel(model));
    ASSERT_GT(view.nodes().size(), 100);
    for (int i = 0; i < view.nodes().size(); ++i) {
        const Core::ViewGraph::Node &node = view.nodes().at(i);
        const QString id = QStringLiteral("node-%1").arg(i);
        EXPECT_EQ(titles.value(id), node.opType + QStringLiteral(": ") + node.name) << id.toStdString();
        EXPECT_EQ(headers.value(id), Widgets::GraphStyle::headerText(node, {})) << id.toStdString();
    }
    for (int i = 0; i < view.edges().size(); ++i)
        EXPECT_EQ(titles.value(QStringLiteral("edge-%1").arg(i)), view.edges().at(i).tensor);
}

TEST_F(GraphViewTest, HeadlessExportFromTheApplication)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("yolov8n.png"));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    const QString app = Tests::binDir() + QStringLiteral("/maixcam-workbench");
    process.start(app, {QStringLiteral("--export-graph"), Tests::generatedModel(QStringLiteral("yolov8n")), out});
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().constData();
    QImageReader reader(out);
    const QSize size = reader.size();
    EXPECT_GT(size.width(), 500);
    EXPECT_GT(size.height(), 5000); // ~230 nodes in a tall stack

    process.start(app, {QStringLiteral("--export-graph"), dir.filePath(QStringLiteral("missing.onnx")), out});
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 2);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    EXPECT_TRUE(err.contains(QStringLiteral("missing.onnx")));
    EXPECT_EQ(err.trimmed().count(QLatin1Char('\n')) - err.trimmed().count(QStringLiteral("QStandardPaths")), 0)
        << qPrintable(err);
}

// Without a display and without QT_QPA_PLATFORM, --help used to abort in the xcb plugin.
TEST_F(GraphViewTest, HelpAndVersionOfTheApplicationNeedNoDisplay)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
        env.remove(QLatin1String(name));
    process.setProcessEnvironment(env);
    const QString app = Tests::binDir() + QStringLiteral("/maixcam-workbench");
    process.start(app, {QStringLiteral("--help")});
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().constData();
    EXPECT_TRUE(process.readAllStandardOutput().contains("--export-graph"));
    process.start(app, {QStringLiteral("--version")});
    ASSERT_TRUE(process.waitForFinished(60000));
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().constData();
    EXPECT_TRUE(process.readAllStandardOutput().startsWith("maixcam-workbench "));
}

TEST_F(GraphViewTest, LayoutIsCachedPerModel)
{
    ShownView first("branchy.onnx");
    const int runs = GraphView::layoutRuns();
    ShownView second("branchy.onnx");
    EXPECT_EQ(GraphView::layoutRuns(), runs);
    ASSERT_NE(second.scene(), nullptr);
    EXPECT_EQ(second.scene()->nodeItems().size(), first.scene()->nodeItems().size());
}

TEST_F(GraphViewTest, TogglesRelayoutAndPersist)
{
    ShownView shown("small.onnx");
    const int conv = nodeNamed(shown.view.viewGraph(), QStringLiteral("/model.0/conv/Conv"));
    const double tall = shown.scene()->nodeItem(conv)->box().height();
    QAction *attributes = viewAction(shown.view, "showAttributes");
    ASSERT_NE(attributes, nullptr);
    EXPECT_EQ(attributes->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_D));
    QSignalSpy done(&shown.view, &GraphView::layoutFinished);
    attributes->trigger();
    ASSERT_TRUE(done.count() > 0 || done.wait(5000));
    EXPECT_LT(shown.scene()->nodeItem(conv)->box().height(), tall);
    EXPECT_FALSE(QSettings().value(QStringLiteral("graphView/showAttributes")).toBool());

    GraphView fresh;
    EXPECT_FALSE(fresh.options().showAttributes);
    EXPECT_FALSE(viewAction(fresh, "showAttributes")->isChecked());

    QAction *horizontal = viewAction(shown.view, "horizontalLayout");
    EXPECT_EQ(horizontal->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_K));
    done.clear();
    horizontal->trigger();
    ASSERT_TRUE(done.count() > 0 || done.wait(5000));
    const QRectF rect = shown.scene()->sceneRect();
    EXPECT_GT(rect.width(), rect.height()); // a chain laid out left to right
}

TEST_F(GraphViewTest, KeyboardZoomAndFit)
{
    ShownView shown("small.onnx");
    shown.view.setZoom(1.0);
    QAction *zoomIn = viewAction(shown.view, "zoomIn");
    EXPECT_EQ(zoomIn->shortcut(), QKeySequence(Qt::SHIFT | Qt::Key_Up));
    zoomIn->trigger();
    EXPECT_NEAR(shown.view.zoom(), 1.1, 1e-9);
    viewAction(shown.view, "zoomOut")->trigger();
    viewAction(shown.view, "zoomOut")->trigger();
    EXPECT_NEAR(shown.view.zoom(), 1.0 / 1.1, 1e-9);
    viewAction(shown.view, "fitToWindow")->trigger();
    const QRectF visible = shown.view.mapToScene(shown.view.viewport()->rect()).boundingRect();
    EXPECT_TRUE(visible.adjusted(-1, -1, 1, 1).contains(shown.scene()->sceneRect()));
}

static int firstOnnxNodeOfType(const Core::Graph &graph, const QString &opType)
{
    for (int i = 0; i < graph.nodes().size(); ++i) {
        if (graph.nodes().at(i).opType == opType)
            return i;
    }
    return -1;
}

static QColor legendColor(Core::OpSupportClass supportClass)
{
    for (const Core::OpSupportLegendEntry &entry : Core::opSupportLegend()) {
        if (entry.supportClass == supportClass)
            return QColor(entry.color);
    }
    return QColor();
}

static QImage renderScene(QGraphicsScene *scene, const QRectF &source, double scale)
{
    QImage image((source.size() * scale).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    scene->render(&painter, QRectF(QPointF(0, 0), source.size() * scale), source);
    return image;
}

TEST_F(GraphViewTest, ColourByOperatorSupportTintsByClassAndTogglesOff)
{
    GraphView view;
    view.resize(1200, 800);
    view.show();
    QSignalSpy done(&view, &GraphView::layoutFinished);
    const Core::Graph graph = loadModel(Tests::generatedModel(QStringLiteral("yolo26n")));
    view.setGraph(graph);
    ASSERT_TRUE(done.wait(30000));

    QAction *toggle = viewAction(view, "colourByOpSupport");
    ASSERT_NE(toggle, nullptr);
    EXPECT_TRUE(toggle->isCheckable());
    EXPECT_FALSE(toggle->isEnabled()); // no report yet
    EXPECT_EQ(toggle->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));

    // Whole graph: yolo26n's TopK stops the conversion, its first Conv runs on the NPU.
    const Core::OpSupportReport report = Core::OpSupportAnalyzer().analyze(graph, {});
    const int topK = firstOnnxNodeOfType(graph, QStringLiteral("TopK"));
    const int conv = firstOnnxNodeOfType(graph, QStringLiteral("Conv"));
    ASSERT_GE(topK, 0);
    ASSERT_GE(conv, 0);
    ASSERT_EQ(report.supportClass(topK), Core::OpSupportClass::Unsupported);
    ASSERT_EQ(report.supportClass(conv), Core::OpSupportClass::Supported);
    const int topKDisplay = view.viewGraph().displayNodeOfOnnxNode(topK);
    const int convDisplay = view.viewGraph().displayNodeOfOnnxNode(conv);
    Widgets::NodeItem *topKItem = view.graphScene()->nodeItem(topKDisplay);
    ASSERT_NE(topKItem, nullptr);

    const QRectF area = topKItem->box().adjusted(-20, -20, 20, 20);
    const QImage before = renderScene(view.graphScene(), area, 1.0);
    const QColor header = view.graphScene()->style().headerColor(topKItem->category());

    view.setOpSupportReport(report);
    EXPECT_TRUE(toggle->isEnabled());
    toggle->trigger();
    EXPECT_EQ(view.colourBy(), GraphView::ColourBy::OpSupport);
    const QColor unsupported = legendColor(Core::OpSupportClass::Unsupported);
    EXPECT_EQ(topKItem->tint(), unsupported);
    EXPECT_EQ(view.graphScene()->nodeItem(convDisplay)->tint(), legendColor(Core::OpSupportClass::Supported));
    // Graph inputs/outputs have no verdict and keep their look.
    for (int i = 0; i < view.viewGraph().nodes().size(); ++i) {
        if (view.viewGraph().nodes().at(i).kind != Core::ViewGraph::Node::Kind::Op) {
            EXPECT_FALSE(view.graphScene()->nodeItem(i)->tint().isValid()) << i;
        }
    }

    // Detailed scene: the frame is drawn in the class colour, the header keeps its category colour.
    const QImage tinted = renderScene(view.graphScene(), area, 1.0);
    const QRectF box = topKItem->box().translated(-area.topLeft());
    const QColor frame = tinted.pixelColor(QPoint(int(box.left()), int(box.center().y()) + 6));
    EXPECT_NEAR(frame.red(), unsupported.red(), 40);
    EXPECT_NEAR(frame.green(), unsupported.green(), 40);
    EXPECT_NEAR(frame.blue(), unsupported.blue(), 40);
    const QColor headerPixel = tinted.pixelColor(QPoint(int(box.left()) + 8, int(box.top()) + 6));
    EXPECT_EQ(headerPixel, before.pixelColor(QPoint(int(box.left()) + 8, int(box.top()) + 6)));
    EXPECT_EQ(headerPixel.rgb(), header.rgb());

    // Overview: the batched item fills the box with the class colour.
    const QImage overview = renderScene(view.graphScene()->overviewScene(), area, 0.25);
    EXPECT_EQ(overview.pixelColor((box.center() * 0.25).toPoint()).rgb(), unsupported.rgb());

    // The legend lists every class.
    Widgets::NodeTintLegendWidget *legend = view.tintLegend();
    EXPECT_TRUE(legend->isVisible());
    // It stays in the corner while the view pans (viewport scrolling moves child widgets).
    view.setZoom(1.0);
    view.centerOnNode(topKDisplay);
    view.centerOnNode(convDisplay);
    EXPECT_EQ(legend->pos(), QPoint(8, 8));
    const QStringList lines = legend->lines();
    for (const Core::OpSupportLegendEntry &entry : Core::opSupportLegend())
        EXPECT_TRUE(lines.contains(entry.label)) << qPrintable(entry.label);

    // Off again: exactly the original pixels.
    toggle->trigger();
    EXPECT_EQ(view.colourBy(), GraphView::ColourBy::None);
    EXPECT_FALSE(topKItem->tint().isValid());
    EXPECT_FALSE(legend->isVisible());
    EXPECT_EQ(renderScene(view.graphScene(), area, 1.0), before);
}

/** A run whose TPU stage compares the given ONNX tensors with the given cosines. */
static Core::AccuracyRun runWithCosines(const QList<std::pair<QString, double>> &cosines)
{
    Core::AccuracyRun run;
    run.label = QStringLiteral("INT8 test");
    run.tolerances.insert(Core::AccuracyStage::Tpu, Core::Tolerance{0.99, 0.9});
    int index = 0;
    for (const auto &[tensor, cosine] : cosines) {
        Core::LayerMetrics layer;
        layer.index = index++;
        layer.tensorName = tensor + QStringLiteral("_Conv");
        layer.onnxTensorName = tensor;
        layer.stage = Core::AccuracyStage::Tpu;
        layer.cosine = cosine;
        layer.euclidean = 0.5;
        layer.sqnr = 12.25;
        layer.passed = cosine >= 0.99;
        layer.status = layer.passed ? Core::CompareStatus::Similar : Core::CompareStatus::NotSimilar;
        run.layers.append(layer);
    }
    return run;
}

TEST_F(GraphViewTest, CosineHeatMapSeparatesLayersBelowAndAboveTolerance)
{
    ShownView shown("small.onnx");
    const Core::Graph graph = shown.view.graph();
    const int conv = graph.nodeIndex(QStringLiteral("/model.0/conv/Conv"));
    ASSERT_GE(conv, 0);
    // Another op with an output: the last node of the file.
    const int other = int(graph.nodes().size()) - 1;
    ASSERT_NE(other, conv);
    const QString convOut = graph.nodes().at(conv).outputs.first();
    const QString otherOut = graph.nodes().at(other).outputs.first();

    QAction *cosineAction = viewAction(shown.view, "colourByCosine");
    ASSERT_NE(cosineAction, nullptr);
    EXPECT_FALSE(cosineAction->isEnabled());
    shown.view.setAccuracyRun(runWithCosines({{convOut, 0.80}, {otherOut, 0.999}}));
    EXPECT_TRUE(cosineAction->isEnabled());
    cosineAction->trigger();
    ASSERT_EQ(shown.view.colourBy(), GraphView::ColourBy::Cosine);

    const Core::ViewGraph &view = shown.view.viewGraph();
    const QColor low = shown.scene()->nodeItem(view.displayNodeOfOnnxNode(conv))->tint();
    const QColor high = shown.scene()->nodeItem(view.displayNodeOfOnnxNode(other))->tint();
    ASSERT_TRUE(low.isValid());
    ASSERT_TRUE(high.isValid());
    EXPECT_NE(low, high);
    EXPECT_LT(low.hsvHue(), 20);  // red: the worst layer sits at the bottom of the scale
    EXPECT_NEAR(high.hsvHue(), 120, 5); // green: at or above tolerance
    int tinted = 0;
    for (const Widgets::NodeItem *item : shown.scene()->nodeItems())
        tinted += item->tint().isValid() ? 1 : 0;
    EXPECT_EQ(tinted, 2); // nodes without metrics keep their look

    // A cosine between floor and tolerance is neither the red end nor green.
    const QColor middle = Widgets::cosineColor(0.895, 0.80, 0.99);
    EXPECT_GT(middle.hsvHue(), low.hsvHue());
    EXPECT_LT(middle.hsvHue(), high.hsvHue());

    const QStringList lines = shown.view.tintLegend()->lines();
    EXPECT_TRUE(lines.join(QLatin1Char('\n')).contains(QStringLiteral("0.990"))) << qPrintable(lines.join(QLatin1Char('|')));
    EXPECT_TRUE(lines.join(QLatin1Char('\n')).contains(QStringLiteral("0.800")));

    // Operator support and cosine are exclusive; switching back to none clears.
    shown.view.clearAccuracyRun();
    EXPECT_EQ(shown.view.colourBy(), GraphView::ColourBy::None);
    EXPECT_FALSE(shown.scene()->nodeItem(view.displayNodeOfOnnxNode(conv))->tint().isValid());
}

TEST_F(GraphViewTest, PropertiesShowVerdictReasonAndLayerMetrics)
{
    const Core::Graph graph = loadModel(Tests::generatedModel(QStringLiteral("yolo26n")));
    const Core::ViewGraph view = Core::ViewGraph::build(graph);
    const Core::OpSupportReport report = Core::OpSupportAnalyzer().analyze(graph, {});
    const int topK = firstOnnxNodeOfType(graph, QStringLiteral("TopK"));
    ASSERT_GE(topK, 0);
    ASSERT_FALSE(report.node(topK)->reason.isEmpty());

    Widgets::PropertiesPanel panel;
    panel.setGraph(graph, view);
    panel.showNode(view.displayNodeOfOnnxNode(topK));
    EXPECT_EQ(panel.findItem(QStringLiteral("Operator support"), QStringLiteral("reason")), nullptr);
    panel.setOpSupportReport(report); // refreshes the shown node
    QTreeWidgetItem *reason = panel.findItem(QStringLiteral("Operator support"), QStringLiteral("reason"));
    ASSERT_NE(reason, nullptr);
    EXPECT_EQ(reason->text(1), report.node(topK)->reason);
    QTreeWidgetItem *verdict = panel.findItem(QStringLiteral("Operator support"), QStringLiteral("verdict"));
    ASSERT_NE(verdict, nullptr);
    EXPECT_EQ(verdict->text(1), Core::opVerdictName(report.node(topK)->verdict));

    const int conv = firstOnnxNodeOfType(graph, QStringLiteral("Conv"));
    const QString convOut = graph.nodes().at(conv).outputs.first();
    panel.setAccuracyRun(runWithCosines({{convOut, 0.80}}));
    panel.showNode(view.displayNodeOfOnnxNode(conv));
    QTreeWidgetItem *cosine = panel.findItem(QString(), QStringLiteral("cosine"));
    ASSERT_NE(cosine, nullptr);
    EXPECT_EQ(cosine->text(1), QStringLiteral("0.800000"));
    EXPECT_EQ(panel.findItem(QString(), QStringLiteral("euclidean"))->text(1), QStringLiteral("0.500000"));
    EXPECT_EQ(panel.findItem(QString(), QStringLiteral("SQNR"))->text(1), QStringLiteral("12.25 dB"));
    EXPECT_EQ(panel.findItem(QString(), QStringLiteral("status"))->text(1), QStringLiteral("NOT_SIMLIAR"));
    EXPECT_EQ(panel.findItem(QString(), QStringLiteral("tensor"))->text(1), convOut);

    // A Pulsar2 run (MaixCAM2): its stage title and its MSE, no euclidean or SQNR it never measured.
    Core::AccuracyRun pulsar2 = runWithCosines({{convOut, 0.97}});
    pulsar2.label = QStringLiteral("NPU 0003");
    pulsar2.metrics = Core::AccuracyRun::Metrics::CosineMse;
    pulsar2.stageTitles.insert(Core::AccuracyStage::Tpu, QStringLiteral("Pulsar2 PerLayer Reference"));
    pulsar2.layers[0].mse = 0.00173;
    panel.setAccuracyRun(pulsar2);
    panel.showNode(view.displayNodeOfOnnxNode(conv));
    EXPECT_NE(panel.findItem(QStringLiteral("Accuracy (Pulsar2 PerLayer Reference, NPU 0003)"), QStringLiteral("MSE")), nullptr);
    EXPECT_EQ(panel.findItem(QString(), QStringLiteral("MSE"))->text(1), QStringLiteral("0.001730"));
    EXPECT_EQ(panel.findItem(QString(), QStringLiteral("euclidean")), nullptr);
    EXPECT_EQ(panel.findItem(QString(), QStringLiteral("SQNR")), nullptr);
}

TEST_F(GraphViewTest, CancelledLayoutDropsTheOldPictureAndOffersToLayOutAgain)
{
    ShownView shown("small.onnx");
    ASSERT_NE(shown.scene(), nullptr);
    // Hold every pool thread, so the next layout is queued and the Cancel click lands before
    // it starts, however fast the machine.
    // The semaphores are shared with the holders, so an early return cannot leave one waiting on
    // a destroyed semaphore; every wait is bounded.
    auto *cancel = shown.view.findChild<QPushButton *>(QStringLiteral("cancelLayout"));
    ASSERT_NE(cancel, nullptr);
    const Core::Graph branchy = loadModel(modelPath("branchy.onnx"));
    // An earlier test of this process may have laid it out: a cached layout needs no worker.
    GraphView::clearLayoutCache();
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    struct Hold
    {
        QSemaphore started, release, done;
    };
    const auto hold = std::make_shared<Hold>();
    for (int i = 0; i < threads; ++i) {
        pool->start([hold] {
            hold->started.release();
            hold->release.tryAcquire(1, 20000);
            hold->done.release();
        });
    }
    ASSERT_TRUE(hold->started.tryAcquire(threads, 20000));
    QSignalSpy cancelled(&shown.view, &GraphView::layoutCancelled);
    QSignalSpy finished(&shown.view, &GraphView::layoutFinished);
    shown.view.setGraph(branchy);
    cancel->click();
    hold->release.release(threads);
    ASSERT_TRUE(hold->done.tryAcquire(threads, 20000));
    ASSERT_TRUE(cancelled.wait(10000));
    EXPECT_EQ(finished.count(), 0);
    // small.onnx's picture must not stand in for branchy.onnx.
    EXPECT_EQ(shown.scene(), nullptr);
    auto *overlay = shown.view.findChild<QWidget *>(QStringLiteral("layoutProgress"));
    ASSERT_NE(overlay, nullptr);
    EXPECT_TRUE(overlay->isVisible());
    EXPECT_EQ(overlay->findChild<QLabel *>()->text(), QStringLiteral("Layout cancelled."));
    auto *again = shown.view.findChild<QPushButton *>(QStringLiteral("relayout"));
    ASSERT_NE(again, nullptr);
    ASSERT_TRUE(again->isVisible());
    EXPECT_FALSE(cancel->isVisible());
    shown.view.selectNode(0); // nothing to select in: no crash, no signal with a stale index

    again->click();
    ASSERT_TRUE(finished.wait(10000));
    ASSERT_NE(shown.scene(), nullptr);
    EXPECT_NE(shown.scene()->nodeItem(int(Core::ViewGraph::build(branchy).nodes().size()) - 1), nullptr);
    EXPECT_FALSE(overlay->isVisible());
}

TEST_F(GraphViewTest, SiluBypassesHugTheSigmoidTheyGoAround)
{
    // In every SiLU (Conv -> Sigmoid -> Mul, Conv -> Mul) the Conv -> Mul edge passes the
    // Sigmoid on one side; it must stay beside it instead of joining a vertical line far away.
    const Core::Graph graph = loadModel(Tests::generatedModel(QStringLiteral("yolov8n")));
    const Core::ViewGraph view = Core::ViewGraph::build(graph);
    const Widgets::GraphStyle style;
    const Core::LayoutInput input = style.layoutInput(view, {});
    const Core::LayoutResult layout = Core::layoutGraph(input);
    int checked = 0;
    for (int e = 0; e < view.edges().size(); ++e) {
        const Core::ViewGraph::Edge &bypass = view.edges().at(e);
        if (view.nodes().at(bypass.from).opType != QLatin1String("Conv") || view.nodes().at(bypass.to).opType != QLatin1String("Mul"))
            continue;
        int sigmoid = -1;
        for (const Core::ViewGraph::Edge &other : view.edges()) {
            if (other.from == bypass.from && view.nodes().at(other.to).opType == QLatin1String("Sigmoid"))
                sigmoid = other.to;
        }
        if (sigmoid < 0)
            continue;
        const QRectF box = layout.nodeRects.at(sigmoid);
        // The bend on the Sigmoid's rank: the path point closest to its centre line.
        const QList<QPointF> &points = layout.edgePaths.at(e).points;
        QPointF bend = points.front();
        for (int i = 0; i < points.size(); i += 3) {
            if (std::abs(points[i].y() - box.center().y()) < std::abs(bend.y() - box.center().y()))
                bend = points[i];
        }
        // It may run anywhere between the straight line from the Conv to the Mul and the Sigmoid;
        // beyond that only as far as boxes or edges in between (the crossing order) push it.
        const double straight = (layout.nodeRects.at(bypass.from).center().x() + layout.nodeRects.at(bypass.to).center().x()) / 2;
        double near = std::clamp(bend.x(), std::min(straight, box.left()), std::max(straight, box.right()));
        const auto obstacle = [&](double x) {
            if ((bend.x() < x && x < near) || (near < x && x < bend.x()))
                near = x;
        };
        for (int v = 0; v < layout.nodeRects.size(); ++v) {
            if (layout.nodeRanks.at(v) == layout.nodeRanks.at(sigmoid) && v != sigmoid) {
                obstacle(layout.nodeRects.at(v).left());
                obstacle(layout.nodeRects.at(v).right());
            }
        }
        for (int o = 0; o < layout.edgePaths.size(); ++o) {
            const QList<QPointF> &path = layout.edgePaths.at(o).points;
            for (int i = 3; o != e && i + 1 < path.size(); i += 3) {
                if (std::abs(path[i].y() - box.center().y()) <= 0.5)
                    obstacle(path[i].x());
            }
        }
        EXPECT_LE(std::abs(bend.x() - near), 4 * input.nodeSeparation) << qPrintable(view.nodes().at(bypass.from).name);
        EXPECT_FALSE(box.contains(bend));
        ++checked;
    }
    EXPECT_GE(checked, 50) << "YOLOv8n has a SiLU after almost every Conv";
}

TEST_F(GraphViewTest, EdgesDoNotCutThroughBoxesOfYolov8n)
{
    // Sampled along every cubic piece: no edge passes through a box other than its own ends
    // (beside a box a bend runs along the box's rank instead of bowing across its corner).
    const Core::Graph graph = loadModel(Tests::generatedModel(QStringLiteral("yolov8n")));
    const Core::ViewGraph view = Core::ViewGraph::build(graph);
    const Widgets::GraphStyle style;
    const Core::LayoutResult layout = Core::layoutGraph(style.layoutInput(view, {}));
    int cuts = 0;
    QString first;
    for (int e = 0; e < view.edges().size(); ++e) {
        const Core::ViewGraph::Edge &edge = view.edges().at(e);
        const QList<QPointF> &points = layout.edgePaths.at(e).points;
        for (int i = 0; i + 3 < points.size(); i += 3) {
            for (int k = 1; k < 40; ++k) {
                const double t = k / 40.0;
                const double u = 1.0 - t;
                const QPointF q = u * u * u * points[i] + 3 * u * u * t * points[i + 1]
                                  + 3 * u * t * t * points[i + 2] + t * t * t * points[i + 3];
                for (int v = 0; v < layout.nodeRects.size(); ++v) {
                    if (v == edge.from || v == edge.to || !layout.nodeRects.at(v).adjusted(2, 2, -2, -2).contains(q))
                        continue;
                    if (cuts++ == 0)
                        first = QStringLiteral("%1 -> %2 cuts %3").arg(view.nodes().at(edge.from).name, view.nodes().at(edge.to).name, view.nodes().at(v).name);
                }
            }
        }
    }
    EXPECT_EQ(cuts, 0) << qPrintable(first);
}
