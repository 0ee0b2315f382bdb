// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/run/stepprogress.h>

#include <gtest/gtest.h>

using Mcw::Core::OutputStream;
using Mcw::Core::StepProgress;

TEST(StepProgress, DeployStagesFollowTheMarkersOfReferenceSection33)
{
    StepProgress p(QStringLiteral("model_deploy.py"));
    struct Line
    {
        OutputStream stream;
        const char *text;
        double fraction;
        const char *stage;
    };
    const Line lines[] = {
        {OutputStream::Stdout, "2025/02/19 15:50:30 - INFO : TPU-MLIR v1.15.1-20250208", 0.0, ""},
        {OutputStream::Stdout, "[Running]: tpuc-opt m.mlir --processor-assign=\"chip=cv181x mode=INT8\" --convert-top-to-tpu=\"x\" -o m_cv181x_int8_sym_tpu.mlir", 0.15, "lowering"},
        {OutputStream::Stdout, "[CMD]: model_runner.py --input m_in_f32.npz --model m_cv181x_int8_sym_tpu.mlir --output m_cv181x_int8_sym_tpu_outputs.npz", 0.3, "tpu MLIR inference"},
        {OutputStream::Stdout, "[Running]: npz_tool.py compare m_cv181x_int8_sym_tpu_outputs.npz m_top_outputs.npz --tolerance 0.9,0.6 --except - -vv", 0.4, "comparing tpu MLIR"},
        {OutputStream::Stderr, "compare output0_Conv: 50%|#####     | 1/2 [00:00<00:00, 10.0it/s]", 0.475, "comparing tpu MLIR"},
        {OutputStream::Stdout, "[Running]: tpuc-opt m_tpu.mlir --mlir-disable-threading --layer-group=\"opt=2\" --address-assign -o m_final.mlir", 0.55, "optimising"},
        {OutputStream::Stdout, "[Running]: tpuc-opt m_final.mlir --codegen=\"model_file=m.cvimodel\" -o /dev/null", 0.7, "code generation"},
        {OutputStream::Stdout, "[CMD]: model_runner.py --input m_in_f32.npz --model m.cvimodel --output m_cv181x_int8_sym_model_outputs.npz", 0.8, "model inference"},
        {OutputStream::Stdout, "[Running]: npz_tool.py compare m_cv181x_int8_sym_model_outputs.npz m_cv181x_int8_sym_tpu_outputs.npz --tolerance 0.99,0.90 --except - -vv", 0.9, "comparing final model"},
        {OutputStream::Stderr, "compare output0_Conv: 100%|##########| 2/2 [00:00<00:00, 10.0it/s]", 1.0, "comparing final model"},
        // A stray early marker never moves the bar backwards.
        {OutputStream::Stdout, "[Running]: tpuc-opt --convert-top-to-tpu", 1.0, "comparing final model"},
    };
    for (const Line &l : lines) {
        p.feed(l.stream, QString::fromUtf8(l.text));
        EXPECT_NEAR(p.fraction(), l.fraction, 1e-9) << l.text;
        EXPECT_EQ(p.stage(), QString::fromUtf8(l.stage)) << l.text;
    }
}

TEST(StepProgress, CalibrationBarsFillTheirPhases)
{
    StepProgress p(QStringLiteral("run_calibration"));
    p.feed(OutputStream::Stderr, QStringLiteral("activation_collect_and_calc_th for sample: 7:  50%|#####     | 50/100 [00:10<00:10,  5.00it/s]"));
    EXPECT_NEAR(p.fraction(), 0.02 + (0.5 - 0.02) * 0.5, 1e-9);
    p.feed(OutputStream::Stderr, QStringLiteral("[2048] threshold: /model.0/conv/Conv_output_0: 100%|##########| 80/80 [00:01<00:00]"));
    EXPECT_NEAR(p.fraction(), 0.8, 1e-9);
    p.feed(OutputStream::Stderr, QStringLiteral("tune op: /model.2/Add: 25%|##        | 20/80 [00:03<00:09]"));
    EXPECT_NEAR(p.fraction(), 0.85, 1e-9);
    EXPECT_EQ(p.stage(), QStringLiteral("auto-tune"));
    EXPECT_FALSE(p.feed(OutputStream::Stderr, QStringLiteral("not a bar")));
}
