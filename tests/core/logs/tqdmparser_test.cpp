// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/logs/tqdmparser.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

struct TqdmCase
{
    const char *name;
    const char *line;
    bool valid;
    const char *description;
    const char *phase;
    int percent;
    qint64 current;
    qint64 total;
    const char *elapsed;
    const char *remaining;
    const char *rate;
};

void PrintTo(const TqdmCase &c, std::ostream *os) { *os << c.name; }

class TqdmParserTest : public testing::TestWithParam<TqdmCase>
{};

TEST_P(TqdmParserTest, Parses)
{
    const TqdmCase &c = GetParam();
    const auto p = parseTqdmLine(QString::fromUtf8(c.line));
    ASSERT_EQ(p.has_value(), c.valid);
    if (!c.valid)
        return;
    EXPECT_EQ(p->description, QString::fromUtf8(c.description));
    EXPECT_EQ(p->phase, QString::fromUtf8(c.phase));
    EXPECT_EQ(p->percent, c.percent);
    EXPECT_EQ(p->current, c.current);
    EXPECT_EQ(p->total, c.total);
    EXPECT_EQ(p->elapsed, QString::fromUtf8(c.elapsed));
    EXPECT_EQ(p->remaining, QString::fromUtf8(c.remaining));
    EXPECT_EQ(p->rate, QString::fromUtf8(c.rate));
}

// Lines from the reference §2.3/§4.3, tpu-mlir#190 and the fakes.
INSTANTIATE_TEST_SUITE_P(
    Lines, TqdmParserTest,
    testing::Values(
        TqdmCase{"reference_compare", "compare /model.23/cv3.2/cv3.2.2/Conv_output_0_Conv: 100%|\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88| 230/230 [00:22<00:00, 10.39it/s]",
                 true, "compare /model.23/cv3.2/cv3.2.2/Conv_output_0_Conv", "compare", 100, 230, 230, "00:22", "00:00", "10.39it/s"},
        TqdmCase{"issue190_compare", "compare 1197_MatMul: 100%|\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88| 170/170 [00:00<00:00, 249.00it/s]",
                 true, "compare 1197_MatMul", "compare", 100, 170, 170, "00:00", "00:00", "249.00it/s"},
        TqdmCase{"start_unknown_rate", "activation_collect_and_calc_th for sample: 0:   0%|          | 0/200 [00:00<?, ?it/s]",
                 true, "activation_collect_and_calc_th for sample: 0", "samples", 0, 0, 200, "00:00", "?", "?it/s"},
        TqdmCase{"slow_rate_hours", "activation_collect_and_calc_th for op: /model.0/conv/Conv_output_0_Conv:  12%|\xe2\x96\x88\xe2\x96\x8e        | 5/41 [1:02:03<7:30:00, 744.60s/it]",
                 true, "activation_collect_and_calc_th for op: /model.0/conv/Conv_output_0_Conv", "statistics", 12, 5, 41, "1:02:03", "7:30:00", "744.60s/it"},
        TqdmCase{"kld_threshold", "[2048] threshold: /model.2/act/Mul_output_0_Mul:  25%|\xe2\x96\x88\xe2\x96\x8c       | 10/39 [00:00<00:00, 100.00it/s]",
                 true, "[2048] threshold: /model.2/act/Mul_output_0_Mul", "thresholds", 25, 10, 39, "00:00", "00:00", "100.00it/s"},
        TqdmCase{"tune", "tune op: images:   2%|\xe2\x96\x8e         | 1/38 [00:01<00:45, 1.23s/it]",
                 true, "tune op: images", "tune", 2, 1, 38, "00:01", "00:45", "1.23s/it"},
        TqdmCase{"oldest_min_max", "inference and find Min Max *dog.jpg:  50%|\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88     | 2/4 [00:03<00:03, 1.50s/it]",
                 true, "inference and find Min Max *dog.jpg", "min_max", 50, 2, 4, "00:03", "00:03", "1.50s/it"},
        TqdmCase{"histograms", "calc_thresholds: 3.jpg: 100%|\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88| 4/4 [00:00<00:00, 50.00it/s]",
                 true, "calc_thresholds: 3.jpg", "histograms", 100, 4, 4, "00:00", "00:00", "50.00it/s"},
        TqdmCase{"not_tqdm_compare_header", "[images                          ]        EQUAL [PASSED]", false, "", "", 0, 0, 0, "", "", ""},
        TqdmCase{"not_tqdm_percent_text", "scale 100%| of the input", false, "", "", 0, 0, 0, "", "", ""},
        TqdmCase{"not_tqdm_running", "[Running]: npz_tool.py compare a.npz b.npz --tolerance 0.99,0.99 --except - -vv", false, "", "", 0, 0, 0, "", "", ""}),
    [](const testing::TestParamInfo<TqdmCase> &tp) { return std::string(tp.param.name); });

} // namespace
