// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/logs/stagedetector.h>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

struct StageCase
{
    const char *name;
    ToolStage initial;
    const char *line;
    ToolStage expected; // stage after the line
    bool changes;
};

void PrintTo(const StageCase &c, std::ostream *os) { *os << c.name; }

class StageDetectorTest : public testing::TestWithParam<StageCase>
{};

TEST_P(StageDetectorTest, Detects)
{
    const StageCase &c = GetParam();
    StageDetector d(c.initial);
    const auto changed = d.feedLine(QString::fromUtf8(c.line));
    EXPECT_EQ(changed.has_value(), c.changes);
    EXPECT_EQ(d.stage(), c.expected);
}

using S = ToolStage;
// Marker lines as in reference §1.2/§3.3 (pass lists of several versions).
INSTANTIATE_TEST_SUITE_P(
    Markers, StageDetectorTest,
    testing::Values(
        StageCase{"transform_tpuc", S::Unknown, "[Running]: tpuc-opt yolo_origin.mlir --shape-infer --canonicalize --extra-optimize -o yolo.mlir", S::Transform, true},
        StageCase{"transform_old_pass", S::Unknown, "[Running]: tpuc-opt a_origin.mlir --shape-infer --canonicalize --after-optimize -o a.mlir", S::Transform, true},
        StageCase{"transform_logger", S::Unknown, "2025/02/19 15:50:30 - INFO : Save mlir file: yolo_origin.mlir", S::Transform, true},
        StageCase{"transform_compare", S::Transform, "[Running]: npz_tool.py compare y_top_outputs.npz y_ref_outputs.npz --tolerance 0.99,0.99 --except - -vv", S::Transform, false},
        StageCase{"lowering", S::Unknown, "[Running]: tpuc-opt y.mlir --processor-assign=\"chip=cv181x mode=INT8 num_device=1 num_core=1 addr_mode=auto\" --import-calibration-table=\"file=t asymmetric=False\" --processor-top-optimize --convert-top-to-tpu=\"asymmetric=False\" --canonicalize --weight-fold -o y_cv181x_int8_sym_tpu.mlir", S::Lowering, true},
        StageCase{"tpu_runner", S::Lowering, "[CMD]: model_runner.py --input y_in_f32.npz --model y_cv181x_int8_sym_tpu.mlir --output y_cv181x_int8_sym_tpu_outputs.npz", S::TpuCompare, true},
        StageCase{"tpu_compare", S::Lowering, "[Running]: npz_tool.py compare y_cv181x_int8_sym_tpu_outputs.npz y_top_outputs.npz --tolerance 0.8,0.5 --except - -vv", S::TpuCompare, true},
        StageCase{"optimize", S::TpuCompare, "[Running]: tpuc-opt y_cv181x_bf16_tpu.mlir --mlir-disable-threading --strip-io-quant=\"quant_input=False quant_output=False\" --processor-tpu-optimize --layer-group=\"opt=2\" --address-assign -o y_cv181x_bf16_final.mlir", S::Optimize, true},
        StageCase{"codegen", S::Optimize, "[Running]: tpuc-opt y_final.mlir --codegen=\"model_file=y.cvimodel embed_debug_info=False model_version=latest bmodel_only=False\" -o /dev/null", S::Codegen, true},
        StageCase{"final_runner", S::Codegen, "[CMD]: model_runner.py --input y_in_f32.npz --model y.cvimodel --output y_cv181x_bf16_model_outputs.npz", S::FinalCompare, true},
        StageCase{"final_compare", S::Codegen, "[Running]: npz_tool.py compare y_cv181x_bf16_model_outputs.npz y_cv181x_bf16_tpu_outputs.npz --tolerance 0.99,0.90 --except - -vv", S::FinalCompare, true},
        StageCase{"calibration_bar", S::Unknown, "activation_collect_and_calc_th for sample: 3:  75%|       | 3/4 [00:00<00:00, 20.00it/s]", S::Calibration, true},
        StageCase{"calibration_milestone", S::Unknown, "input_num = 200, ref = 200", S::Calibration, true},
        StageCase{"kld_bar", S::Unknown, "[2048] threshold: images:   0%|          | 0/39 [00:00<?, ?it/s]", S::Calibration, true},
        StageCase{"pasted_deploy", S::Unknown, "$ model_deploy.py --mlir a.mlir --chip cv181x --quantize INT8 --model a.cvimodel", S::Lowering, true},
        StageCase{"prompt_transform", S::Unknown, "root@26d7:/workspace# model_transform.py --model_name g --model_def g.onnx --mlir g.mlir", S::Transform, true},
        StageCase{"pasted_calibration", S::Transform, "run_calibration best.mlir --dataset /data --input_num 200 -o best_calib_table", S::Calibration, true},
        StageCase{"traceback_frame_ignored", S::Calibration, "  File \"/x/python/tools/model_deploy.py\", line 5, in <module>", S::Calibration, false},
        StageCase{"metric_ignored", S::TpuCompare, "    cosine_similarity      = 0.999871", S::TpuCompare, false},
        StageCase{"success_ignored", S::Lowering, "[Success]: tpuc-opt y.mlir --convert-top-to-tpu -o y_tpu.mlir", S::Lowering, false},
        StageCase{"crash_args_when_unknown", S::Unknown, "0.      Program arguments: tpuc-opt z_tpu.mlir --init --layer-group=opt=2 --address-assign -o z_final.mlir", S::Optimize, true}),
    [](const testing::TestParamInfo<StageCase> &tp) { return std::string(tp.param.name); });

TEST(StageDetector, FullDeploySequence)
{
    // The §3.3 order: each marker advances exactly once.
    const char *lines[] = {
        "2025/02/19 15:50:30 - INFO : TPU-MLIR v1.15.1-20250208",
        "[Running]: tpuc-opt y.mlir --processor-assign=\"chip=cv181x mode=BF16\" --convert-top-to-tpu=\"x\" -o p_tpu.mlir",
        "[Success]: tpuc-opt y.mlir --processor-assign=\"chip=cv181x mode=BF16\" --convert-top-to-tpu=\"x\" -o p_tpu.mlir",
        "[CMD]: model_runner.py --input y_in_f32.npz --model p_tpu.mlir --output p_tpu_outputs.npz",
        "[Running]: npz_tool.py compare p_tpu_outputs.npz y_top_outputs.npz --tolerance 0.8,0.5 --except - -vv",
        "[Running]: tpuc-opt p_tpu.mlir --layer-group=\"opt=2\" --address-assign -o p_final.mlir",
        "[Running]: tpuc-opt p_final.mlir --codegen=\"model_file=y.cvimodel\" -o /dev/null",
        "[CMD]: model_runner.py --input y_in_f32.npz --model y.cvimodel --output p_model_outputs.npz",
        "[Running]: npz_tool.py compare p_model_outputs.npz p_tpu_outputs.npz --tolerance 0.99,0.90 --except - -vv",
    };
    StageDetector d;
    QList<ToolStage> changes;
    for (const char *l : lines) {
        if (auto s = d.feedLine(QString::fromUtf8(l)))
            changes.append(*s);
    }
    EXPECT_EQ(changes, (QList<ToolStage>{S::Lowering, S::TpuCompare, S::Optimize, S::Codegen, S::FinalCompare}));
}

} // namespace
