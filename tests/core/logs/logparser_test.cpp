// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "logtestutil.h"

#include <core/logs/logparser.h>

#include <QRegularExpression>

#include <gtest/gtest.h>

using namespace Mcw::Core;
using Mcw::Tests::exitStatusOf;
using Mcw::Tests::readLog;

namespace {

struct LogCase
{
    const char *file;
    const char *code;     // "" = no failure
    ToolStage stage;      // failure stage, or the final stage when there is no failure
    const char *version;  // "" = none in the log
    int compares;
    const char *mustMention; // substring of the message (or of details/location), "" = none
    const char *tensor;   // first failing tensor / missing operand, "" = none
    const char *location; // native crash location suffix, "" = none
};

void PrintTo(const LogCase &c, std::ostream *os) { *os << c.file; }

struct Parsed
{
    QList<LogEvent> events;
    LogParser parser;
};

// Feeds the whole log in \a chunk-byte pieces (as QProcess would deliver it).
void parse(LogParser &parser, QList<LogEvent> &events, const QByteArray &log, qsizetype chunk)
{
    for (qsizetype i = 0; i < log.size(); i += chunk)
        events += parser.feed(LogParser::Stream::Stdout, QByteArrayView(log).sliced(i, qMin(chunk, log.size() - i)));
    events += parser.finish(exitStatusOf(log));
}

class LogParserTest : public testing::TestWithParam<LogCase>
{};

TEST_P(LogParserTest, ClassifiesLikeTheReference)
{
    const LogCase &c = GetParam();
    const QByteArray log = readLog(QString::fromUtf8(c.file));
    ASSERT_FALSE(log.isEmpty()) << c.file;

    for (qsizetype chunk : {qsizetype(7), qsizetype(4096)}) {
        SCOPED_TRACE(chunk);
        LogParser parser;
        QList<LogEvent> events;
        parse(parser, events, log, chunk);
        EXPECT_EQ(parser.version(), QString::fromUtf8(c.version));
        EXPECT_EQ(parser.compares().size(), c.compares);
        const auto &failure = parser.failure();
        if (QByteArrayView(c.code).isEmpty()) {
            EXPECT_FALSE(failure.has_value()) << (failure ? failure->message.toStdString() : std::string());
            EXPECT_EQ(parser.stage(), c.stage);
            continue;
        }
        ASSERT_TRUE(failure.has_value());
        EXPECT_EQ(failure->code, QString::fromUtf8(c.code)) << failure->message.toStdString();
        EXPECT_EQ(failure->stage, c.stage) << toolStageName(failure->stage).toStdString();
        const QString all = failure->message + QLatin1Char('\n') + failure->details.join(QLatin1Char('\n'));
        EXPECT_TRUE(all.contains(QString::fromUtf8(c.mustMention))) << all.toStdString();
        if (!QByteArrayView(c.tensor).isEmpty()) {
            ASSERT_FALSE(failure->tensors.isEmpty());
            EXPECT_EQ(failure->tensors.first(), QString::fromUtf8(c.tensor));
        }
        if (QByteArrayView(c.location).isEmpty())
            EXPECT_TRUE(failure->location.isEmpty()) << failure->location.toStdString();
        else
            EXPECT_TRUE(failure->location.endsWith(QString::fromUtf8(c.location))) << failure->location.toStdString();
        EXPECT_FALSE(failure->suggestion.isEmpty());
        // Exactly one diagnostic event, carrying the same classification.
        int diagnostics = 0;
        for (const LogEvent &e : events) {
            if (e.kind != LogEvent::Kind::Diagnostic)
                continue;
            ++diagnostics;
            EXPECT_EQ(e.diagnostic.code, failure->code);
            EXPECT_EQ(e.diagnostic.stage, toolStageName(failure->stage));
            EXPECT_EQ(e.diagnostic.severity, Diagnostic::Severity::Error);
            EXPECT_EQ(e.diagnostic.message, failure->message);
        }
        EXPECT_EQ(diagnostics, 1);
    }
}

using S = ToolStage;
INSTANTIATE_TEST_SUITE_P(
    RealLogs, LogParserTest,
    testing::Values(
        LogCase{"real-tpu-mlir-152-compare-failed.log", "similarity_below_tolerance", S::FinalCompare, "", 1, "output_Greater_f32", "output_Greater_f32", ""},
        LogCase{"real-tpu-mlir-190-compare-passed.log", "", S::Transform, "", 1, "", "", ""},
        LogCase{"real-recamera-37-compare-then-calibration.log", "unknown_failure", S::Calibration, "v1.14-20241231", 1, "ends during calibration", "", ""},
        LogCase{"real-recamera-37-missing-cali-table.log", "missing_calibration_table", S::Lowering, "", 0, "best_calib_table", "", "lib/Dialect/Top/Transforms/ImportCalibration.cpp:44"},
        LogCase{"real-tpu-mlir-264-compareconst-unreachable.log", "unsupported_on_target", S::Lowering, "", 0, "Not support now.", "", "lib/Conversion/TopToTpu/CV18xx/CompareConst.cpp:32"},
        LogCase{"real-tpu-mlir-209-raw-format.log", "unsupported_on_target", S::Lowering, "", 0, "raw format not support current type", "", "CV18xx/Preprocess.cpp:108"},
        LogCase{"real-tpu-mlir-262-out-of-range.log", "tpuc_opt_crash", S::Lowering, "", 0, "std::out_of_range", "", ""},
        LogCase{"real-tpu-mlir-205-address-assign.log", "tpuc_opt_crash", S::Optimize, "", 0, "layer-group", "", ""},
        LogCase{"real-tpu-mlir-204-keyerror.log", "frontend_error", S::Transform, "", 0, "KeyError: 'operand /Constant_2_output_0 not found'", "/Constant_2_output_0", ""},
        LogCase{"real-tpu-mlir-200-transform-start.log", "unknown_failure", S::Transform, "UNKNOWN.UNKNOWN-20241211", 0, "Python traceback", "", ""},
        LogCase{"real-tpu-mlir-143-old-version.log", "unknown_failure", S::Transform, "v1.5.beta.0-20231107", 0, "ends during model transform", "", ""},
        LogCase{"real-tpu-mlir-182-calibration-tune-cut.log", "missing_calibration_table", S::Calibration, "", 0, "calibration tuning step could not open the calibration table yolov8_cali_table", "", "lib/Dialect/Top/Transforms/ImportCalibration.cpp:44"},
        LogCase{"real-tpu-mlir-284-usage-cut.log", "unknown_failure", S::Calibration, "v1.30.2-20260831", 0, "run_calibration.py printed its usage", "", ""},
        LogCase{"real-tennis-detection-calibration.log", "unknown_failure", S::Calibration, "v1.15.1-20250208", 0, "last line: [... Calibration progress ...]", "", ""},
        LogCase{"real-tpu-mlir-docs-search-qtable.log", "", S::Calibration, "", 0, "", "", ""},
        LogCase{"real-sophon-demo-146-tpuc-error.log", "tpuc_opt_crash", S::Optimize, "", 0, "--address-assign", "", ""}),
    [](const testing::TestParamInfo<LogCase> &tp) {
        QString n = QString::fromUtf8(tp.param.file).section(QLatin1Char('.'), 0, 0);
        n.replace(QLatin1Char('-'), QLatin1Char('_'));
        return n.toStdString();
    });

INSTANTIATE_TEST_SUITE_P(
    FakeTranscripts, LogParserTest,
    testing::Values(
        LogCase{"fake-transform-ok.log", "", S::Transform, "v1.15.1-20250208", 1, "", "", ""},
        LogCase{"fake-calibration-ok.log", "", S::Calibration, "v1.15.1-20250208", 0, "", "", ""},
        LogCase{"fake-calibration-v1.3.log", "", S::Calibration, "v1.3.228-g19ca95e9-20230921", 0, "", "", ""},
        LogCase{"fake-calibration-v1.30.log", "", S::Calibration, "v1.30-20260115", 0, "", "", ""},
        LogCase{"fake-deploy-int8-ok.log", "", S::FinalCompare, "v1.15.1-20250208", 2, "", "", ""},
        LogCase{"fake-deploy-bf16-ok.log", "", S::FinalCompare, "v1.15.1-20250208", 2, "", "", ""},
        LogCase{"fake-deploy-int8-tolerance-fail.log", "similarity_below_tolerance", S::TpuCompare, "v1.15.1-20250208", 1, "tolerance 0.99,0.9", "/model.5/conv/Conv_output_0_Conv", ""},
        LogCase{"fake-transform-sim-fail.log", "similarity_below_tolerance", S::Transform, "v1.15.1-20250208", 1, "/model.3/conv/Conv_output_0_Conv", "/model.3/conv/Conv_output_0_Conv", ""},
        LogCase{"fake-transform-op-unsupported.log", "unsupported_op", S::Transform, "v1.15.1-20250208", 0, "Mod, Size", "", ""},
        LogCase{"fake-transform-frontend-error.log", "frontend_error", S::Transform, "v1.15.1-20250208", 0, "KeyError", "/model.22/dfl/conv/Conv_output_0", ""},
        LogCase{"fake-transform-input-error.log", "input_error", S::Transform, "v1.15.1-20250208", 0, "test_input cat.jpg not exist!", "", ""},
        LogCase{"fake-deploy-missing-cali-table.log", "missing_calibration_table", S::Lowering, "v1.15.1-20250208", 0, "no_such_table", "", "ImportCalibration.cpp:77"},
        LogCase{"fake-deploy-tpuc-crash.log", "tpuc_opt_crash", S::Optimize, "v1.15.1-20250208", 1, "std::out_of_range", "", "CVAddressAssign.cpp:283"},
        LogCase{"fake-deploy-unsupported-on-target.log", "unsupported_on_target", S::Lowering, "v1.15.1-20250208", 0, "unimplemented tpu dialect", "", "GridSampler.cpp:23"},
        LogCase{"fake-deploy-model-stage-fail.log", "similarity_below_tolerance", S::FinalCompare, "v1.15.1-20250208", 2, "cvimodel validation", "/model.22/dfl/conv/Conv_output_0_Conv", ""},
        LogCase{"fake-deploy-usage-error.log", "usage_error", S::Lowering, "", 0, "invalid choice: 'k230'", "", ""}),
    [](const testing::TestParamInfo<LogCase> &tp) {
        QString n = QString::fromUtf8(tp.param.file).section(QLatin1String(".log"), 0, 0);
        n.replace(QLatin1Char('-'), QLatin1Char('_')).replace(QLatin1Char('.'), QLatin1Char('_'));
        return n.toStdString();
    });

TEST(LogParser, FailingTensorsMatchAnIndependentScanOfTheText)
{
    // The reference regex (§4.3) over the raw transcript, independent of the parser.
    const QByteArray log = readLog(QStringLiteral("fake-deploy-int8-tolerance-fail.log"));
    static const QRegularExpression header(
        QStringLiteral("^\\[(?<name>.*)\\]\\s+(?<st>NOT_SIMLIAR|NOT_EQUAL|NOT_MATCH)\\s+\\[FAILED\\]\\s*$"),
        QRegularExpression::MultilineOption);
    QStringList expected;
    for (auto it = header.globalMatch(QString::fromUtf8(log)); it.hasNext();)
        expected.append(it.next().captured(QStringLiteral("name")).trimmed());
    ASSERT_GT(expected.size(), 10);
    LogParser parser;
    QList<LogEvent> events;
    parse(parser, events, log, 4096);
    ASSERT_TRUE(parser.failure());
    EXPECT_EQ(parser.failure()->tensors, expected);
    // tpu-mlir appends the op type to ONNX names; the diagnostic points at the ONNX tensor/node.
    const Diagnostic d = FailureClassifier::toDiagnostic(*parser.failure());
    EXPECT_EQ(d.tensorName, QStringLiteral("/model.5/conv/Conv_output_0"));
    EXPECT_EQ(d.nodeId, QStringLiteral("/model.5/conv/Conv"));
    EXPECT_EQ(d.stage, QStringLiteral("tpu_compare"));
}

TEST(LogParser, CompareBlocksCarryTheirStage)
{
    const QByteArray log = readLog(QStringLiteral("fake-deploy-int8-ok.log"));
    LogParser parser;
    QList<LogEvent> events;
    parse(parser, events, log, 512);
    ASSERT_EQ(parser.compares().size(), 2);
    EXPECT_EQ(parser.compares()[0].stage, CompareStage::TpuMlir);
    EXPECT_EQ(parser.compares()[0].tolerance, QStringLiteral("0.9,0.6"));
    EXPECT_EQ(parser.compares()[1].stage, CompareStage::Final);
    EXPECT_EQ(parser.compares()[1].tolerance, QStringLiteral("0.99,0.90"));
    QList<ToolStage> stages;
    for (const LogEvent &e : events) {
        if (e.kind == LogEvent::Kind::StageChanged)
            stages.append(e.stage);
    }
    EXPECT_EQ(stages, (QList<ToolStage>{ToolStage::Lowering, ToolStage::TpuCompare, ToolStage::Optimize,
                                        ToolStage::Codegen, ToolStage::FinalCompare}));
}

TEST(LogParser, LateRunningLineBelongsToItsOwnBlock)
{
    // FAKE_TPU_BUFFERED: each "[Running]: npz_tool.py compare" line follows the block it announces.
    const QByteArray log = readLog(QStringLiteral("fake-deploy-int8-buffered.log"));
    ASSERT_LT(log.indexOf("npz compare PASSED."), log.indexOf("[Running]: npz_tool.py compare"));
    LogParser parser;
    QList<LogEvent> events;
    parse(parser, events, log, 4096);
    ASSERT_EQ(parser.compares().size(), 2);
    EXPECT_EQ(parser.compares()[0].tolerance, QStringLiteral("0.9,0.6"));
    EXPECT_EQ(parser.compares()[0].stage, CompareStage::TpuMlir);
    EXPECT_EQ(parser.compares()[1].tolerance, QStringLiteral("0.99,0.90"));
    EXPECT_EQ(parser.compares()[1].stage, CompareStage::Final);
    EXPECT_FALSE(parser.failure());
}

TEST(LogParser, ProgressFromStderrBars)
{
    const QByteArray log = readLog(QStringLiteral("fake-calibration-ok.log"));
    LogParser parser;
    QList<LogEvent> events;
    parse(parser, events, log, 64);
    QStringList phases;
    int lastPercent = -1;
    for (const LogEvent &e : events) {
        if (e.kind != LogEvent::Kind::Progress)
            continue;
        if (phases.isEmpty() || phases.last() != e.progress.phase) {
            phases.append(e.progress.phase);
            lastPercent = -1;
        }
        EXPECT_GE(e.progress.percent, lastPercent); // monotonic within a phase
        lastPercent = e.progress.percent;
    }
    EXPECT_EQ(phases, (QStringList{QStringLiteral("samples"), QStringLiteral("thresholds"), QStringLiteral("tune")}));
}

TEST(LogParser, StreamsAreSplitSeparately)
{
    LogParser parser;
    QList<LogEvent> events;
    events += parser.feed(LogParser::Stream::Stderr, "\rcompare a:  50%|\xe2\x96\x88     | 1/2 [00:00<00:00, 2.00it/s]");
    events += parser.feed(LogParser::Stream::Stdout, "[a                               ]        EQUAL [PASS");
    events += parser.feed(LogParser::Stream::Stderr, "\rcompare b: 100%|\xe2\x96\x88\xe2\x96\x88| 2/2 [00:00<00:00, 2.00it/s]\n");
    events += parser.feed(LogParser::Stream::Stdout, "ED]\n1 compared\nnpz compare PASSED.\n");
    events += parser.finish(0);
    int progress = 0;
    int compares = 0;
    for (const LogEvent &e : events) {
        progress += e.kind == LogEvent::Kind::Progress;
        compares += e.kind == LogEvent::Kind::Compare;
    }
    EXPECT_EQ(progress, 2);
    EXPECT_EQ(compares, 1);
    ASSERT_EQ(parser.compares().size(), 1);
    EXPECT_EQ(parser.compares()[0].tensors.size(), 1);
    EXPECT_FALSE(parser.failure());
}

struct StatusCase
{
    const char *name;
    int exitCode;
    bool crashed;
    const char *code;
};

void PrintTo(const StatusCase &c, std::ostream *os) { *os << c.name; }

class ExitStatusTest : public testing::TestWithParam<StatusCase>
{};

TEST_P(ExitStatusTest, SilentRuns)
{
    const StatusCase &c = GetParam();
    LogParser parser(ToolStage::Calibration);
    parser.feed(LogParser::Stream::Stdout, "TPU-MLIR v1.15.1-20250208\ninput_num = 200, ref = 200\n");
    parser.finish(c.exitCode, c.crashed);
    if (QByteArrayView(c.code).isEmpty()) {
        EXPECT_FALSE(parser.failure());
        return;
    }
    ASSERT_TRUE(parser.failure());
    EXPECT_EQ(parser.failure()->code, QString::fromUtf8(c.code));
    EXPECT_EQ(parser.failure()->stage, ToolStage::Calibration);
}

INSTANTIATE_TEST_SUITE_P(Statuses, ExitStatusTest,
                         testing::Values(StatusCase{"ok", 0, false, ""},
                                         StatusCase{"oom_137", 137, false, "killed"},
                                         StatusCase{"sigkill", 9, true, "killed"},
                                         StatusCase{"sigsegv", 11, true, "tool_failed"},
                                         StatusCase{"plain_failure", 1, false, "tool_failed"}),
                         [](const testing::TestParamInfo<StatusCase> &tp) { return std::string(tp.param.name); });

// A log read from a file has no exit status: wherever it is cut, the parser either sees a line
// that marks success at its end or reports a failure at the stage the cut happened in.
TEST(AbruptEndings, EveryCutOfARealDeployLogIsAFailureUnlessItEndsOnSuccess)
{
    QByteArray log = readLog(QStringLiteral("real-tpu-mlir-190-compare-passed.log"));
    ASSERT_FALSE(log.isEmpty());
    int failures = 0;
    int successes = 0;
    for (qsizetype cut = 1; cut <= log.size(); cut += 37) {
        const QByteArray part = log.left(cut);
        LogParser parser;
        parser.feed(LogParser::Stream::Stdout, part);
        parser.finish();
        // The last non-empty line, split independently of the parser (\r and \n both end a line).
        QString last;
        for (const QByteArray &piece : part.split('\n')) {
            for (const QByteArray &sub : piece.split('\r')) {
                if (!sub.trimmed().isEmpty())
                    last = QString::fromUtf8(sub);
            }
        }
        static const QRegularExpression doneBar(QStringLiteral("100%\\|.*\\| (\\d+)/\\1 \\["));
        const bool endsOnSuccess = last.trimmed().startsWith(QStringLiteral("[Success]:"))
                                   || last.trimmed().startsWith(QStringLiteral("npz compare PASSED"))
                                   || doneBar.match(last).hasMatch();
        if (endsOnSuccess) {
            ++successes;
            continue;
        }
        ++failures;
        ASSERT_TRUE(parser.failure().has_value()) << "cut at " << cut << ": " << last.toStdString();
        if (parser.failure()->code == QLatin1String("unknown_failure"))
            EXPECT_EQ(parser.failure()->stage, parser.stage()) << "cut at " << cut;
    }
    EXPECT_GT(failures, 10);
    LogParser whole;
    whole.feed(LogParser::Stream::Stdout, log);
    whole.finish();
    EXPECT_FALSE(whole.failure().has_value()) << whole.failure()->message.toStdString();
}

struct EndingCase
{
    const char *name;
    const char *tail;     // appended to a calibration run that was going well
    const char *code;
    const char *mention;
};

void PrintTo(const EndingCase &c, std::ostream *os) { *os << c.name; }

class EndingTest : public testing::TestWithParam<EndingCase>
{};

TEST_P(EndingTest, TheLastLinesNameTheMostSpecificFailure)
{
    const EndingCase &c = GetParam();
    const QByteArray head = "TPU-MLIR v1.28.1-20260429\ninput_num = 200, ref = 200\nreal input_num = 200\n"
                            "activation_collect_and_calc_th for sample: 7:   4%|4         | 8/200 [00:09<03:36,  1.13s/it]";
    LogParser parser;
    parser.feed(LogParser::Stream::Stderr, head + c.tail);
    parser.finish();
    ASSERT_TRUE(parser.failure().has_value());
    EXPECT_EQ(parser.failure()->code, QString::fromUtf8(c.code)) << parser.failure()->message.toStdString();
    EXPECT_EQ(parser.failure()->stage, ToolStage::Calibration);
    EXPECT_TRUE(parser.failure()->message.contains(QString::fromUtf8(c.mention))) << parser.failure()->message.toStdString();
}

INSTANTIATE_TEST_SUITE_P(
    Endings, EndingTest,
    testing::Values(EndingCase{"cut_mid_bar", "\ractivation_collect_and_calc_th for sample: 8:   4%|4  ", "unknown_failure", "ends during calibration"},
                    EndingCase{"shell_killed", "\nKilled\n", "killed", "killed"},
                    EndingCase{"glog_fatal", "\nF1203 09:12:44.123456 4242 cvi_runtime.cpp:81] Check failed: ion_alloc\n", "runtime_crash", "Check failed"},
                    EndingCase{"segfault", "\nSegmentation fault (core dumped)\n", "runtime_crash", "Segmentation fault"},
                    EndingCase{"traceback_cut", "\nTraceback (most recent call last):\n  File \"/usr/local/lib/python3.10/dist-packages/tpu_mlir/python/tools/run_calibration.py\", line 212", "unknown_failure", "Python traceback"}),
    [](const testing::TestParamInfo<EndingCase> &tp) { return std::string(tp.param.name); });

} // namespace
