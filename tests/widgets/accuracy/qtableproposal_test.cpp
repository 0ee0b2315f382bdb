// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/accuracy/qtablesearchresult.h>
#include <core/workflow/qtableproposal.h>
#include <widgets/accuracy/accuracychartview.h>
#include <widgets/accuracy/qtableproposalmodel.h>
#include <widgets/accuracy/qtableproposalpanel.h>

#include <QAbstractItemModelTester>
#include <QChart>
#include <QFile>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>

#include <gtest/gtest.h>

using namespace Mcw;

namespace {

/**
 * The proposal of the search output published in tpu-mlir's quick start (07_quantization): the
 * docs keep input3.1 in float; "input999.1" stands for a table entry the log did not rank.
 */
Core::QtableProposal publishedProposal()
{
    QFile f(QStringLiteral(MCW_TEST_DATA_DIR "/logs/real-tpu-mlir-docs-search-qtable.log"));
    EXPECT_TRUE(f.open(QIODevice::ReadOnly));
    Core::QtableProposal p;
    p.search = Core::QtableSearchResult::parseLog(QString::fromUtf8(f.readAll()));
    p.layers = {QStringLiteral("input3.1"), QStringLiteral("input999.1")};
    return p;
}

QScatterSeries *proposedSeries(const Widgets::AccuracyChartView &view)
{
    for (QAbstractSeries *s : view.chart()->series()) {
        if (s->objectName() == QLatin1String("proposedSeries"))
            return qobject_cast<QScatterSeries *>(s);
    }
    return nullptr;
}

} // namespace

TEST(QtableProposalModel, ListsTheProposedLayersWithThePrintedFigures)
{
    Widgets::QtableProposalModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    EXPECT_EQ(model.rowCount(), 0);
    model.setProposal(publishedProposal());
    ASSERT_EQ(model.rowCount(), 2);
    ASSERT_EQ(model.columnCount(), Widgets::QtableProposalModel::ColumnCount);
    using M = Widgets::QtableProposalModel;
    EXPECT_EQ(model.index(0, M::LayerColumn).data().toString(), QStringLiteral("input3.1"));
    EXPECT_EQ(model.index(0, M::TypeColumn).data().toString(), QStringLiteral("top.Conv"));
    EXPECT_EQ(model.index(0, M::RankColumn).data().toInt(), 0);
    EXPECT_EQ(model.index(0, M::LossColumn).data().toString(),
              QStringLiteral("0.004859")); // 0.004858517758…
    EXPECT_EQ(model.index(1, M::LayerColumn).data(M::LayerNameRole).toString(),
              QStringLiteral("input999.1"));
    EXPECT_EQ(model.index(1, M::RankColumn).data().toString(), QStringLiteral("–"));
    EXPECT_EQ(model.index(1, M::LossColumn).data().toString(), QStringLiteral("–"));
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(QtableProposalPanel, SummarisesAndAdoptsInOneClick)
{
    Widgets::QtableProposalPanel panel;
    EXPECT_FALSE(panel.canAdopt());
    Core::QtableProposal proposal = publishedProposal();
    proposal.calibrationTable = QStringLiteral("/runs/x/new_cali_table.txt");
    panel.setProposal(proposal, QStringLiteral("20261203-120000-mobilenet_v2"));
    EXPECT_TRUE(panel.canAdopt());
    // The cosines the docs printed: 0.986809 in INT8, 0.993372 mixed.
    EXPECT_TRUE(panel.summary().contains(QStringLiteral("2 layer(s)")))
        << panel.summary().toStdString();
    EXPECT_TRUE(panel.summary().contains(QStringLiteral("0.9868 in INT8, 0.9934 mixed")))
        << panel.summary().toStdString();
    EXPECT_TRUE(panel.summary().contains(QStringLiteral("calibration table")));
    QSignalSpy adopt(&panel, &Widgets::QtableProposalPanel::adoptRequested);
    panel.adoptButton()->click();
    EXPECT_EQ(adopt.size(), 1);

    QSignalSpy dismissed(&panel, &Widgets::QtableProposalPanel::dismissed);
    for (QPushButton *b : panel.findChildren<QPushButton *>()) {
        if (b->text() == QLatin1String("Dismiss"))
            b->click();
    }
    EXPECT_EQ(dismissed.size(), 1);
    EXPECT_FALSE(panel.canAdopt());
    EXPECT_EQ(panel.model()->rowCount(), 0);
}

TEST(AccuracyChartView, MarksTheProposedLayersOnTheirCosine)
{
    Widgets::AccuracyChartView view;
    QList<Core::LayerMetrics> layers;
    for (int i = 0; i < 6; ++i) {
        Core::LayerMetrics m;
        m.tensorName = QStringLiteral("layer%1").arg(i);
        m.cosine = 0.999 - 0.002 * i;
        m.euclidean = 0.95 - 0.01 * i;
        m.passed = true;
        layers.append(m);
    }
    view.setLayers(layers, {0.99, 0.9}, QStringLiteral("INT8"));
    EXPECT_EQ(proposedSeries(view), nullptr); // no proposal: no series, no legend entry
    view.setProposedLayers(
        {QStringLiteral("layer4"), QStringLiteral("layer1"), QStringLiteral("not-a-layer")});
    EXPECT_EQ(view.proposedRows(), (QList<int>{1, 4}));
    QScatterSeries *series = proposedSeries(view);
    ASSERT_NE(series, nullptr);
    ASSERT_EQ(series->count(), 2);
    EXPECT_EQ(series->at(0), QPointF(1, 0.997));
    EXPECT_EQ(series->at(1), QPointF(4, 0.991));
    // A new run of the same model keeps the marks where the layers are.
    layers.removeFirst();
    view.setLayers(layers, {0.99, 0.9}, QStringLiteral("INT8 again"));
    EXPECT_EQ(view.proposedRows(), (QList<int>{0, 3}));
    view.setProposedLayers({});
    EXPECT_EQ(proposedSeries(view), nullptr);
}
