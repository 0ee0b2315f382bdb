// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/accuracy/layermetricsfiltermodel.h>
#include <widgets/accuracy/layermetricsmodel.h>
#include <widgets/accuracy/rundeltamodel.h>

#include <QAbstractItemModelTester>

#include <gtest/gtest.h>

#include <cmath>

using namespace Mcw;
using Widgets::LayerMetricsModel;

static Core::LayerMetrics layer(int index, const char *name, double cos, double euc, bool passed)
{
    Core::LayerMetrics m;
    m.index = index;
    m.tensorName = QString::fromUtf8(name);
    Core::LayerMetrics::splitTensorName(m.tensorName, &m.onnxTensorName, &m.opType);
    m.cosine = cos;
    m.euclidean = euc;
    m.sqnr = 10 * cos;
    m.passed = passed;
    m.status = passed ? Core::CompareStatus::Similar : Core::CompareStatus::NotSimilar;
    return m;
}

static QList<Core::LayerMetrics> sampleLayers()
{
    return {layer(0, "images", 1.0, 1.0, true),
            layer(1, "/model.0/conv/Conv_output_0_Conv", 0.999, 0.97, true),
            layer(2, "/model.0/act/Mul_output_0_Mul", 0.7, 0.3, false),
            layer(3, "/model.1/conv/Conv_output_0_Conv", std::nan(""), std::nan(""), false),
            layer(4, "/model.1/act/Mul_output_0_Mul", 0.995, 0.91, true)};
}

TEST(LayerMetricsModel, PassesModelTesterAndShowsMetrics)
{
    LayerMetricsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLayers(sampleLayers());
    ASSERT_EQ(model.rowCount(), 5);
    EXPECT_EQ(model.columnCount(), LayerMetricsModel::ColumnCount);
    EXPECT_EQ(model.index(2, LayerMetricsModel::OpTypeColumn).data().toString(),
              QStringLiteral("Mul"));
    EXPECT_EQ(model.index(2, LayerMetricsModel::StatusColumn).data().toString(),
              QStringLiteral("NOT_SIMLIAR"));
    EXPECT_EQ(model.index(2, LayerMetricsModel::CosineColumn).data().toString(),
              QStringLiteral("0.700000"));
    EXPECT_EQ(model.index(2, 0).data(LayerMetricsModel::OnnxTensorRole).toString(),
              QStringLiteral("/model.0/act/Mul_output_0"));
    EXPECT_FALSE(model.index(2, 0).data(LayerMetricsModel::PassedRole).toBool());
    EXPECT_TRUE(model.index(2, LayerMetricsModel::StatusColumn).data(Qt::ForegroundRole).isValid());
    model.setLayers({});
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(LayerMetricsModel, MseColumnSortsTheWorstLayersFirstDescending)
{
    // Pulsar2's MSE: lower is better, a layer without one sorts after every measured layer.
    QList<Core::LayerMetrics> layers = sampleLayers();
    const double mse[] = {0.00003, 0.00173, 0.5, std::nan(""), 0.01};
    for (int i = 0; i < layers.size(); ++i)
        layers[i].mse = mse[i];
    LayerMetricsModel model;
    Widgets::LayerMetricsFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLayers(layers);
    EXPECT_EQ(model.headerData(LayerMetricsModel::MseColumn, Qt::Horizontal, Qt::DisplayRole).toString(),
              QStringLiteral("MSE"));
    EXPECT_EQ(model.index(1, LayerMetricsModel::MseColumn).data().toString(), QStringLiteral("0.001730"));
    EXPECT_EQ(model.index(3, LayerMetricsModel::MseColumn).data().toString(), QStringLiteral("–"));
    filter.sort(LayerMetricsModel::MseColumn, Qt::AscendingOrder);
    QList<int> order;
    for (int row = 0; row < filter.rowCount(); ++row)
        order.append(filter.index(row, 0).data(LayerMetricsModel::LayerIndexRole).toInt());
    EXPECT_EQ(order, (QList<int>{0, 1, 4, 2, 3}));
}

TEST(LayerMetricsFilterModel, SortsNumericallyAndFilters)
{
    LayerMetricsModel model;
    Widgets::LayerMetricsFilterModel filter;
    filter.setSourceModel(&model);
    QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setLayers(sampleLayers());
    filter.sort(LayerMetricsModel::CosineColumn, Qt::AscendingOrder);
    // NaN first, then 0.7, 0.995, 0.999, 1.0.
    QStringList order;
    for (int r = 0; r < filter.rowCount(); ++r)
        order.append(filter.index(r, LayerMetricsModel::IndexColumn).data().toString());
    EXPECT_EQ(order,
              (QStringList{QStringLiteral("3"),
                           QStringLiteral("2"),
                           QStringLiteral("4"),
                           QStringLiteral("1"),
                           QStringLiteral("0")}));
    filter.setText(QStringLiteral("mul"));
    EXPECT_EQ(filter.rowCount(), 2);
    filter.setFailingOnly(true);
    ASSERT_EQ(filter.rowCount(), 1);
    EXPECT_EQ(filter.index(0, LayerMetricsModel::TensorColumn).data().toString(),
              QStringLiteral("/model.0/act/Mul_output_0_Mul"));
    filter.setText({});
    EXPECT_EQ(filter.rowCount(), 2);
}

TEST(RunDeltaModel, PassesModelTesterAndMarksFirstDivergence)
{
    Core::AccuracyRun a;
    Core::AccuracyRun b;
    a.layers = sampleLayers();
    QList<Core::LayerMetrics> other = sampleLayers();
    other[2].cosine = 0.99;
    b.layers = other;
    for (auto *run : {&a, &b}) {
        for (Core::LayerMetrics &m : run->layers)
            m.stage = Core::AccuracyStage::Tpu;
    }
    Widgets::RunDeltaModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    const auto rc = Core::RunComparison::compare(a, b, Core::AccuracyStage::Tpu, 0.01);
    model.setComparison(rc, QStringLiteral("INT8"), QStringLiteral("BF16"));
    ASSERT_EQ(model.rowCount(), 5);
    EXPECT_EQ(rc.firstDivergence, 2);
    EXPECT_EQ(model.index(2, Widgets::RunDeltaModel::CosineDeltaColumn).data().toString(),
              QStringLiteral("+0.290000"));
    EXPECT_TRUE(model.index(2, 0).data(Qt::FontRole).value<QFont>().bold());
    EXPECT_FALSE(model.index(1, 0).data(Qt::FontRole).isValid());
    EXPECT_EQ(model.headerData(2, Qt::Horizontal, Qt::DisplayRole).toString(),
              QStringLiteral("Cosine (INT8)"));
}
