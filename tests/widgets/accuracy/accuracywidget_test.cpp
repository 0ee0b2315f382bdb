// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/accuracy/npzcomparison.h>
#include <core/pulsar2/precisiontable.h>
#include <tests/support/testpaths.h>
#include <widgets/accuracy/accuracychartview.h>
#include <widgets/accuracy/accuracywidget.h>
#include <widgets/accuracy/layermetricsfiltermodel.h>
#include <widgets/accuracy/layermetricsmodel.h>
#include <widgets/accuracy/rundeltamodel.h>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QChart>
#include <QComboBox>
#include <QHeaderView>
#include <QFile>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineSeries>
#include <QProcess>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolTip>
#include <QValueAxis>

#include <gtest/gtest.h>

using namespace Mcw;

static constexpr int s_layerCount = 120;

/** The chart's series with object name \a name, or null when the chart does not hold it. */
static QXYSeries *seriesNamed(const Widgets::AccuracyChartView *view, const char *name)
{
    for (QAbstractSeries *s : view->chart()->series()) {
        if (s->objectName() == QLatin1String(name))
            return qobject_cast<QXYSeries *>(s);
    }
    return nullptr;
}

/** A YOLOv8n-like INT8 run and a better "BF16" run, written by numpy once per process. */
class AccuracyWidgetTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        s_dir = new QTemporaryDir();
        QProcess python;
        python.start(QStringLiteral(MCW_PYTHON),
                     {QStringLiteral(MCW_NPZ_CASES_SCRIPT),
                      s_dir->path(),
                      QStringLiteral("--yolo"),
                      QString::number(s_layerCount)});
        python.waitForFinished(120000);
        ASSERT_EQ(python.exitCode(), 0) << python.readAllStandardError().toStdString();
        s_int8 = new Core::AccuracyRun(load(QString(), QStringLiteral("INT8 KL 100 img")));
        s_bf16 = new Core::AccuracyRun(load(QStringLiteral("_bf16"), QStringLiteral("BF16")));
    }
    static void TearDownTestSuite()
    {
        delete s_int8;
        delete s_bf16;
        delete s_dir;
    }
    static Core::AccuracyRun load(const QString &suffix, const QString &label)
    {
        Core::CompareOptions options;
        options.tolerance = Core::Tolerance{0.99, 0.90};
        auto c = Core::NpzComparison::compareFiles(
            s_dir->filePath(QStringLiteral("yolo_target%1.npz").arg(suffix)),
            s_dir->filePath(QStringLiteral("yolo_reference%1.npz").arg(suffix)),
            options);
        EXPECT_TRUE(c.has_value());
        Core::AccuracyRun run;
        run.label = label;
        if (c)
            run.setStage(Core::AccuracyStage::Tpu, *c);
        return run;
    }

    static inline QTemporaryDir *s_dir = nullptr;
    static inline Core::AccuracyRun *s_int8 = nullptr;
    static inline Core::AccuracyRun *s_bf16 = nullptr;
};

TEST_F(AccuracyWidgetTest, ChartHoldsToleranceSeriesAndOnePointPerLayer)
{
    Widgets::AccuracyWidget widget;
    widget.resize(1200, 800);
    widget.setRun(*s_int8);
    Widgets::AccuracyChartView *view = widget.chartView();
    const auto find = [view](const char *name) { return seriesNamed(view, name); };
    QXYSeries *cosTol = find("cosineToleranceSeries");
    QXYSeries *eucTol = find("euclideanToleranceSeries");
    ASSERT_NE(cosTol, nullptr);
    ASSERT_NE(eucTol, nullptr);
    ASSERT_EQ(cosTol->count(), 2);
    EXPECT_DOUBLE_EQ(cosTol->at(0).y(), 0.99);
    EXPECT_DOUBLE_EQ(cosTol->at(1).y(), 0.99);
    EXPECT_DOUBLE_EQ(eucTol->at(0).y(), 0.90);
    for (const char *name : {"cosineSeries", "euclideanSeries", "sqnrSeries"}) {
        QXYSeries *s = find(name);
        ASSERT_NE(s, nullptr) << name;
        EXPECT_EQ(s->count(), s_layerCount) << name;
        for (int i = 0; i < s->count(); ++i)
            EXPECT_DOUBLE_EQ(s->at(i).x(), i);
    }
    int failing = 0;
    for (const Core::LayerMetrics &m : s_int8->layers)
        failing += !m.passed;
    ASSERT_GT(failing, 0);
    EXPECT_EQ(find("failingSeries")->count(), failing);
    // No comparison: its series are not in the chart (and so not in the legend).
    EXPECT_EQ(find("comparisonCosineSeries"), nullptr);
    EXPECT_EQ(find("comparisonEuclideanSeries"), nullptr);

    if (!qEnvironmentVariableIsEmpty("MCW_SCREENSHOT_DIR")) {
        widget.show();
        QTest::qWait(50);
        widget.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR")
                           + QStringLiteral("/accuracy-int8.png"));
    }
}

TEST_F(AccuracyWidgetTest, JumpToFirstFailingSelectsAndEmitsOnnxName)
{
    Widgets::AccuracyWidget widget;
    widget.resize(1000, 700);
    widget.setRun(*s_int8);
    QSignalSpy activated(&widget, &Widgets::AccuracyWidget::tensorActivated);
    const int first = s_int8->firstFailing(Core::AccuracyStage::Tpu);
    ASSERT_GE(first, 0);
    EXPECT_TRUE(widget.jumpToFirstFailingAction()->isEnabled());
    widget.jumpToFirstFailingAction()->trigger();
    ASSERT_GE(activated.count(), 1);
    const QString expected = s_int8->layers.at(first).onnxTensorName;
    EXPECT_EQ(activated.last().at(0).toString(), expected);
    EXPECT_FALSE(expected.endsWith(QStringLiteral("_Conv")));
    ASSERT_EQ(widget.selectedLayers().size(), 1);
    EXPECT_EQ(widget.selectedLayers().first().index, first);
    EXPECT_EQ(widget.chartView()->selectedRows(), QList<int>{first});
    EXPECT_LE(widget.chartView()->visibleMin(), first);
    EXPECT_GE(widget.chartView()->visibleMax(), first);
}

TEST_F(AccuracyWidgetTest, KeepInBf16EmitsSelectedOpNames)
{
    Widgets::AccuracyWidget widget;
    widget.setRun(*s_int8);
    QSignalSpy keep(&widget, &Widgets::AccuracyWidget::keepInBf16Requested);
    EXPECT_FALSE(widget.keepInBf16Action()->isEnabled());
    emit widget.chartView()->layerClicked(5, false);
    emit widget.chartView()->layerClicked(9, true);
    EXPECT_EQ(widget.chartView()->selectedRows().size(), 2);
    ASSERT_TRUE(widget.keepInBf16Action()->isEnabled());
    widget.keepInBf16Action()->trigger();
    ASSERT_EQ(keep.count(), 1);
    const QStringList names = keep.first().at(0).toStringList();
    EXPECT_EQ(names,
              (QStringList{s_int8->layers.at(5).tensorName, s_int8->layers.at(9).tensorName}));
    const Core::QuantizeTable table = Core::quantizeTableForLayers(widget.selectedLayers());
    EXPECT_EQ(table.entries().size(), 2);
    EXPECT_EQ(table.entries().first().opName, s_int8->layers.at(5).tensorName);
}

TEST_F(AccuracyWidgetTest, LayersAlreadyKeptInBf16GoBackToInt8)
{
    Widgets::AccuracyWidget widget;
    widget.setRun(*s_int8);
    const QString kept = s_int8->layers.at(5).tensorName;
    widget.setKeptInBf16({kept});
    QSignalSpy keep(&widget, &Widgets::AccuracyWidget::keepInBf16Requested);
    QSignalSpy back(&widget, &Widgets::AccuracyWidget::backToInt8Requested);
    emit widget.chartView()->layerClicked(5, false);
    EXPECT_EQ(widget.keepInBf16Action()->text(), QStringLiteral("Back to INT8"));
    widget.keepInBf16Action()->trigger();
    ASSERT_EQ(back.count(), 1);
    EXPECT_EQ(back.first().at(0).toStringList(), QStringList{kept});
    EXPECT_EQ(keep.count(), 0);
    // A selection with a layer not kept yet keeps them all in BF16.
    emit widget.chartView()->layerClicked(9, true);
    EXPECT_EQ(widget.keepInBf16Action()->text(), QStringLiteral("Keep in BF16"));
    widget.keepInBf16Action()->trigger();
    ASSERT_EQ(keep.count(), 1);
    EXPECT_EQ(back.count(), 1);
    // The project changed elsewhere (Clear in the Calibration panel): the action follows.
    emit widget.chartView()->layerClicked(5, false);
    widget.setKeptInBf16({});
    EXPECT_EQ(widget.keepInBf16Action()->text(), QStringLiteral("Keep in BF16"));
}

TEST_F(AccuracyWidgetTest, TableSelectionEmitsTensorActivated)
{
    Widgets::AccuracyWidget widget;
    widget.setRun(*s_int8);
    QSignalSpy activated(&widget, &Widgets::AccuracyWidget::tensorActivated);
    auto *table = widget.findChild<QTableView *>(QStringLiteral("layerTable"));
    ASSERT_NE(table, nullptr);
    QAbstractItemModelTester tester(table->model(),
                                    QAbstractItemModelTester::FailureReportingMode::Fatal);
    // Sort by cosine: the worst layer is on top; choosing it names that layer.
    table->sortByColumn(Widgets::LayerMetricsModel::CosineColumn, Qt::AscendingOrder);
    table->selectionModel()->setCurrentIndex(table->model()->index(0, 0),
                                             QItemSelectionModel::ClearAndSelect
                                                 | QItemSelectionModel::Rows);
    ASSERT_EQ(activated.count(), 1);
    double worst = 2;
    QString worstName;
    for (const Core::LayerMetrics &m : s_int8->layers) {
        if (m.cosine < worst) {
            worst = m.cosine;
            worstName = m.onnxTensorName;
        }
    }
    EXPECT_EQ(activated.first().at(0).toString(), worstName);
}

TEST_F(AccuracyWidgetTest, ComparisonOverlayDeltaTableAndDivergence)
{
    Widgets::AccuracyWidget widget;
    widget.resize(700, 800);
    widget.setRun(*s_int8);
    widget.setComparisonRun(*s_bf16);
    QXYSeries *other = seriesNamed(widget.chartView(), "comparisonCosineSeries");
    ASSERT_NE(other, nullptr);
    EXPECT_TRUE(other->isVisible());
    EXPECT_EQ(other->count(), s_layerCount);
    EXPECT_EQ(other->pen().style(), Qt::DashLine);
    EXPECT_EQ(widget.deltaModel()->rowCount(), s_layerCount);
    const auto rc = Core::RunComparison::compare(*s_int8, *s_bf16, Core::AccuracyStage::Tpu, 0.01);
    ASSERT_GE(rc.firstDivergence, 0);
    EXPECT_TRUE(widget.divergenceText().contains(rc.deltas.at(rc.firstDivergence).tensorName));
    EXPECT_EQ(widget.findChild<QLabel *>(QStringLiteral("divergenceLabel"))->text(),
              widget.divergenceText());
    if (!qEnvironmentVariableIsEmpty("MCW_SCREENSHOT_DIR")) {
        widget.show();
        QTest::qWait(50);
        widget.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR")
                           + QStringLiteral("/accuracy-compare.png"));
    }
    widget.clearComparison();
    EXPECT_FALSE(other->isVisible());
    EXPECT_FALSE(widget.chartView()->chart()->series().contains(other));
    EXPECT_EQ(widget.deltaModel()->rowCount(), 0);
    // Compared again: back in the chart, on its axes.
    widget.setComparisonRun(*s_bf16);
    EXPECT_TRUE(widget.chartView()->chart()->series().contains(other));
    EXPECT_EQ(other->attachedAxes().size(), 2);
    EXPECT_EQ(other->count(), s_layerCount);
}

TEST_F(AccuracyWidgetTest, ZoomPanAndKeyboard)
{
    Widgets::AccuracyWidget widget;
    widget.resize(1000, 700);
    widget.setRun(*s_int8);
    Widgets::AccuracyChartView *view = widget.chartView();
    EXPECT_DOUBLE_EQ(view->visibleMin(), -0.5);
    EXPECT_DOUBLE_EQ(view->visibleMax(), s_layerCount - 0.5);
    view->zoomBy(0.5, 60);
    EXPECT_NEAR(view->visibleMax() - view->visibleMin(), s_layerCount / 2.0, 1e-9);
    const double before = view->visibleMin();
    view->panBy(10);
    EXPECT_NEAR(view->visibleMin(), before + 10, 1e-9);
    view->panBy(1000); // clamped at the last layer
    EXPECT_DOUBLE_EQ(view->visibleMax(), s_layerCount - 0.5);
    QTest::keyClick(view, Qt::Key_Left);
    EXPECT_LT(view->visibleMax(), s_layerCount - 0.5);
    QTest::keyClick(view, Qt::Key_Home);
    EXPECT_DOUBLE_EQ(view->visibleMin(), -0.5);
    QTest::keyClick(view, Qt::Key_Plus);
    EXPECT_LT(view->visibleMax() - view->visibleMin(), s_layerCount);
}

TEST_F(AccuracyWidgetTest, ExportsPngSvgCsvAndNetronAttachment)
{
    Widgets::AccuracyWidget widget;
    widget.resize(900, 600);
    widget.setRun(*s_int8);
    QTemporaryDir dir;
    const QString png = dir.filePath(QStringLiteral("c.png"));
    const QString svg = dir.filePath(QStringLiteral("c.svg"));
    const QString csv = dir.filePath(QStringLiteral("c.csv"));
    const QString json = dir.filePath(QStringLiteral("c.json"));
    ASSERT_TRUE(widget.exportPng(png).has_value());
    ASSERT_TRUE(widget.exportSvg(svg).has_value());
    ASSERT_TRUE(widget.exportCsv(csv).has_value());
    ASSERT_TRUE(widget.exportNetronAttachment(json).has_value());
    QImage image(png);
    EXPECT_FALSE(image.isNull());
    QFile s(svg);
    ASSERT_TRUE(s.open(QIODevice::ReadOnly));
    const QByteArray svgText = s.readAll();
    EXPECT_TRUE(svgText.contains("<svg"));
    EXPECT_TRUE(svgText.contains("<path") || svgText.contains("<polyline"));
    QFile c(csv);
    ASSERT_TRUE(c.open(QIODevice::ReadOnly));
    EXPECT_EQ(c.readAll().count('\n'), s_layerCount + 1);
    QFile j(json);
    ASSERT_TRUE(j.open(QIODevice::ReadOnly));
    EXPECT_TRUE(j.readAll().contains("netron:attachment"));
}

TEST_F(AccuracyWidgetTest, HoverShowsTensorOpAndValuesAndClickSelects)
{
    Widgets::AccuracyWidget widget;
    widget.resize(1200, 800);
    widget.setRun(*s_int8);
    widget.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));
    Widgets::AccuracyChartView *view = widget.chartView();
    QXYSeries *cosine = seriesNamed(view, "cosineSeries");
    ASSERT_NE(cosine, nullptr);
    const Core::LayerMetrics &m = s_int8->layers.at(7);
    emit cosine->hovered(QPointF(7.2, m.cosine), true);
    const QString tip = QToolTip::text();
    EXPECT_TRUE(tip.contains(m.tensorName)) << tip.toStdString();
    EXPECT_TRUE(tip.contains(m.opType));
    EXPECT_TRUE(tip.contains(Widgets::LayerMetricsModel::formatMetric(m.cosine)));

    // A real click on the point of layer 60 selects it in the table and names its ONNX tensor.
    QSignalSpy activated(&widget, &Widgets::AccuracyWidget::tensorActivated);
    const QPointF scenePos = view->chart()->mapToPosition(cosine->at(60), cosine);
    const QPoint pos = view->mapFromScene(view->chart()->mapToScene(scenePos));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, pos);
    ASSERT_EQ(activated.count(), 1);
    EXPECT_EQ(activated.first().at(0).toString(), s_int8->layers.at(60).onnxTensorName);
    EXPECT_EQ(widget.selectedLayers().size(), 1);
    EXPECT_EQ(widget.selectedLayers().first().index, 60);
}

TEST_F(AccuracyWidgetTest, RubberBandZoomsTheLayerAxisOnly)
{
    Widgets::AccuracyWidget widget;
    widget.resize(1200, 800);
    widget.setRun(*s_int8);
    widget.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&widget));
    Widgets::AccuracyChartView *view = widget.chartView();
    QXYSeries *cosine = seriesNamed(view, "cosineSeries");
    ASSERT_NE(cosine, nullptr);
    const auto toView = [&](double x) {
        const QPointF p = view->chart()->mapToPosition(QPointF(x, 0.95), cosine);
        return view->mapFromScene(view->chart()->mapToScene(p));
    };
    QValueAxis *similarity = nullptr;
    for (QAbstractAxis *axis : view->chart()->axes(Qt::Vertical)) {
        if (axis->objectName() == QLatin1String("similarityAxis"))
            similarity = qobject_cast<QValueAxis *>(axis);
    }
    ASSERT_NE(similarity, nullptr);
    const double yMinBefore = similarity->min();
    QTest::mousePress(view->viewport(), Qt::LeftButton, {}, toView(20));
    QTest::mouseMove(view->viewport(), toView(30));
    QTest::mouseMove(view->viewport(), toView(40));
    QTest::mouseRelease(view->viewport(), Qt::LeftButton, {}, toView(40));
    EXPECT_NEAR(view->visibleMin(), 20, 1.0);
    EXPECT_NEAR(view->visibleMax(), 40, 1.0);
    EXPECT_DOUBLE_EQ(similarity->min(), yMinBefore);
}

/** Pulsar2's table quoted in maixcam2.md §4.3 (Conv_0 0.99993 / 0.00003, output 0.99990 / 0.00173). */
static Core::AccuracyRun pulsar2Run()
{
    QString analysis;
    const auto rows = Core::Pulsar2PrecisionTable::readFile(Tests::dataPath(QStringLiteral("pulsar2/precision_table_doc.txt")),
                                                            &analysis);
    EXPECT_TRUE(rows.has_value());
    return rows ? Core::Pulsar2PrecisionTable::toAccuracyRun(*rows, QStringLiteral("NPU 0003"), analysis)
                : Core::AccuracyRun();
}

TEST_F(AccuracyWidgetTest, Pulsar2RunShowsCosineAndMseUnderItsOwnStageName)
{
    Widgets::AccuracyWidget widget;
    widget.resize(1200, 800);
    widget.setRun(pulsar2Run());
    auto *stageBox = widget.findChild<QComboBox *>(QStringLiteral("stageBox"));
    ASSERT_NE(stageBox, nullptr);
    ASSERT_EQ(stageBox->count(), 1);
    EXPECT_EQ(stageBox->currentText(), QStringLiteral("Pulsar2 PerLayer Reference"));

    // The table: cosine and MSE, no euclidean or SQNR (Pulsar2 measures neither).
    auto *table = widget.findChild<QTableView *>(QStringLiteral("layerTable"));
    ASSERT_NE(table, nullptr);
    QAbstractItemModelTester tester(table->model(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    using Model = Widgets::LayerMetricsModel;
    EXPECT_FALSE(table->isColumnHidden(Model::CosineColumn));
    EXPECT_FALSE(table->isColumnHidden(Model::MseColumn));
    EXPECT_TRUE(table->isColumnHidden(Model::EuclideanColumn));
    EXPECT_TRUE(table->isColumnHidden(Model::SqnrColumn));
    ASSERT_EQ(table->model()->rowCount(), 2);
    EXPECT_EQ(table->model()->headerData(Model::MseColumn, Qt::Horizontal).toString(), QStringLiteral("MSE"));
    EXPECT_EQ(table->model()->index(0, Model::MseColumn).data().toString(), QStringLiteral("0.000030"));
    EXPECT_EQ(table->model()->index(1, Model::MseColumn).data().toString(), QStringLiteral("0.001730"));
    EXPECT_EQ(table->model()->index(1, Model::CosineColumn).data().toString(), QStringLiteral("0.999900"));

    // The chart: the cosine tolerance stays, no euclidean or SQNR line, and the axis is not
    // stretched down to −1 by a euclidean that does not exist.
    Widgets::AccuracyChartView *view = widget.chartView();
    QXYSeries *cosTol = seriesNamed(view, "cosineToleranceSeries");
    ASSERT_NE(cosTol, nullptr);
    EXPECT_DOUBLE_EQ(cosTol->at(0).y(), Core::Pulsar2PrecisionTable::NormalCosine);
    EXPECT_EQ(seriesNamed(view, "cosineSeries")->count(), 2);
    for (const char *gone : {"euclideanSeries", "euclideanToleranceSeries", "sqnrSeries"})
        EXPECT_EQ(seriesNamed(view, gone), nullptr) << gone;
    const auto axis = [view](const char *name) -> QValueAxis * {
        for (QAbstractAxis *a : view->chart()->axes()) {
            if (a->objectName() == QLatin1String(name))
                return qobject_cast<QValueAxis *>(a);
        }
        return nullptr;
    };
    ASSERT_NE(axis("similarityAxis"), nullptr);
    ASSERT_NE(axis("sqnrAxis"), nullptr);
    EXPECT_GT(axis("similarityAxis")->min(), 0.9);
    EXPECT_EQ(axis("similarityAxis")->titleText(), QStringLiteral("Cosine similarity"));
    EXPECT_FALSE(axis("sqnrAxis")->isVisible());
    EXPECT_TRUE(view->chart()->title().startsWith(QStringLiteral("NPU 0003 · Pulsar2 PerLayer Reference — 0 of 2")))
        << view->chart()->title().toStdString();

    if (!qEnvironmentVariableIsEmpty("MCW_SCREENSHOT_DIR")) {
        widget.show();
        QTest::qWait(50);
        widget.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/accuracy-pulsar2.png"));
        widget.resize(1000, 330);
        QTest::qWait(50);
        widget.grab().save(qEnvironmentVariable("MCW_SCREENSHOT_DIR") + QStringLiteral("/accuracy-pulsar2-short.png"));
    }

    // A tpu-mlir run in the same widget brings its three metrics back.
    widget.setRun(*s_int8);
    EXPECT_EQ(stageBox->currentText(), QStringLiteral("tpu"));
    EXPECT_TRUE(table->isColumnHidden(Model::MseColumn));
    EXPECT_FALSE(table->isColumnHidden(Model::EuclideanColumn));
    EXPECT_FALSE(table->isColumnHidden(Model::SqnrColumn));
    for (const char *back : {"euclideanSeries", "euclideanToleranceSeries", "sqnrSeries"})
        EXPECT_NE(seriesNamed(view, back), nullptr) << back;
    EXPECT_EQ(seriesNamed(view, "euclideanSeries")->count(), s_layerCount);
    EXPECT_TRUE(axis("sqnrAxis")->isVisible());
    EXPECT_EQ(axis("similarityAxis")->titleText(), QStringLiteral("Similarity"));
}
