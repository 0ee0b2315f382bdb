// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The CV18xx tensor info file in the layout reference/tpu-mlir.md §3 quotes from tpu-mlir's
// codegen: a header per command buffer, then `layer_id tensor_name inGroup ignore gaddr g_shape
// lg_idx_slice laddr qtype qscale` rows with `x` for n/a.
#include <core/bundle/cvimodeltensorinfo.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

static const char *const TwoBuffers =
    "Cmdbuf0: layer_id, tensor_name, inGroup, ignore, gaddr, g_shape, lg_idx_slice, laddr, qtype, qscale. \n"
    "0 images_quant false false 0x0 1,3,640,640 x x int8 0.0078125\n"
    "1 /model.0/conv/Conv_output_0_Conv true false 0x1000 1,16,320,320 0,0 0x0 int8 0.0312500\n"
    "2 /model.22/Sigmoid_output_0_Sigmoid false false 0x2000 1,80,80,80 x x bf16 x\n"
    "Cmdbuf1: layer_id, tensor_name, inGroup, ignore, gaddr, g_shape, lg_idx_slice, laddr, qtype, qscale. \n"
    "3 /model.22/dfl/conv/Conv_output_0_Conv false false 0x3000 1,64,80,80 x x int8 0.0625000\n"
    "4 output_f32 false false 0x4000 1,144,80,80 x x fp32 x\n";

TEST(CvimodelTensorInfo, ReadsEveryRowOfEveryCommandBuffer)
{
    const auto info = CvimodelTensorInfo::parse(QString::fromLatin1(TwoBuffers), QStringLiteral("m_tensor_info.txt"));
    ASSERT_TRUE(info) << info.error().message.toStdString();
    ASSERT_EQ(info->tensors.size(), 5);
    EXPECT_EQ(info->tensors[2].name, QStringLiteral("/model.22/Sigmoid_output_0_Sigmoid"));
    EXPECT_EQ(info->summary(), QStringLiteral("3 int8, 1 bf16, 1 fp32"));
    EXPECT_TRUE(info->hasType(QStringLiteral("/model.22/Sigmoid_output_0_Sigmoid"), QStringLiteral("bf16")));
    EXPECT_FALSE(info->hasType(QStringLiteral("/model.0/conv/Conv_output_0_Conv"), QStringLiteral("bf16")));
}

TEST(CvimodelTensorInfo, NamesTheFileWhenItHoldsNoRows)
{
    const auto info = CvimodelTensorInfo::parse(QStringLiteral("Cmdbuf0: layer_id, tensor_name\nnot a row\n"),
                                                QStringLiteral("/runs/m_tensor_info.txt"));
    ASSERT_FALSE(info);
    EXPECT_TRUE(info.error().message.startsWith(QStringLiteral("/runs/m_tensor_info.txt: ")));
}

TEST(CvimodelTensorInfo, PathReplacesTheLastNineCharactersAsTpuMlirDoes)
{
    EXPECT_EQ(CvimodelTensorInfo::pathFor(QStringLiteral("/w/yolov8n_int8.cvimodel")),
              QStringLiteral("/w/yolov8n_int8_tensor_info.txt"));
}
