// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/logs/tensornames.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

struct NameCase
{
    const char *mlir;
    const char *onnxTensor;
    const char *node;
};

void PrintTo(const NameCase &c, std::ostream *os) { *os << c.mlir; }

class TensorNamesTest : public testing::TestWithParam<NameCase>
{};

TEST_P(TensorNamesTest, StripsOpTypeSuffix)
{
    const NameCase &c = GetParam();
    EXPECT_EQ(onnxTensorName(QString::fromUtf8(c.mlir)), QString::fromUtf8(c.onnxTensor));
    EXPECT_EQ(onnxNodeNameGuess(QString::fromUtf8(c.mlir)), QString::fromUtf8(c.node));
}

INSTANTIATE_TEST_SUITE_P(
    Names, TensorNamesTest,
    testing::Values(NameCase{"/model.0/conv/Conv_output_0_Conv", "/model.0/conv/Conv_output_0", "/model.0/conv/Conv"},
                    NameCase{"/model.22/Sigmoid_output_0_Sigmoid", "/model.22/Sigmoid_output_0", "/model.22/Sigmoid"},
                    NameCase{"/text_model/Gather_2_output_0_Gather", "/text_model/Gather_2_output_0", "/text_model/Gather_2"},
                    NameCase{"1197_MatMul", "1197", ""},
                    NameCase{"output_Greater_f32", "output_Greater_f32", ""},
                    NameCase{"images", "images", ""},
                    NameCase{"/model.23/Concat_output_0", "/model.23/Concat_output_0", "/model.23/Concat"}));

} // namespace
