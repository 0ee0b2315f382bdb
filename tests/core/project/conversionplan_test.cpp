// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/project/conversionplan.h>
#include <core/project/projectfile.h>

#include <tests/support/testpaths.h>

#include <QFile>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw::Core;

namespace {

struct ScriptCommand
{
    QString program;
    QStringList arguments;
};

/**
 * Reads the tool commands out of Sipeed's conversion script: joins continuation lines,
 * expands the script's own variables and splits words with simple shell quoting.
 */
QList<ScriptCommand> commandsOfScript(const QString &path)
{
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(file.readAll());
    text.replace(QStringLiteral("\\\n"), QStringLiteral(" "));
    QHash<QString, QString> variables;
    static const QRegularExpression assignment(QStringLiteral("^(\\w+)=(\\S+)$"));
    QList<ScriptCommand> commands;
    for (QString line : text.split(QLatin1Char('\n'))) {
        line = line.trimmed();
        if (const auto m = assignment.match(line); m.hasMatch()) {
            variables.insert(m.captured(1), m.captured(2));
            continue;
        }
        for (auto it = variables.constBegin(); it != variables.constEnd(); ++it)
            line.replace(QStringLiteral("${%1}").arg(it.key()), it.value());
        QStringList words;
        QString word;
        bool inQuotes = false;
        bool hasWord = false;
        for (QChar c : line) {
            if (c == QLatin1Char('"')) {
                inQuotes = !inQuotes;
                hasWord = true;
            } else if (c.isSpace() && !inQuotes) {
                if (hasWord)
                    words.append(word);
                word.clear();
                hasWord = false;
            } else {
                word += c;
                hasWord = true;
            }
        }
        if (hasWord)
            words.append(word);
        if (!words.isEmpty() && words.first().endsWith(QLatin1String(".py")))
            commands.append({words.first(), words.mid(1)});
    }
    return commands;
}

Project loadProject(const QString &name)
{
    const auto loaded = ProjectFile::load(Mcw::Tests::dataPath(QStringLiteral("project/%1.yaml").arg(name)));
    EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().message.toStdString());
    if (!loaded)
        return {};
    for (const Diagnostic &d : loaded->diagnostics)
        ADD_FAILURE() << d.message.toStdString();
    return loaded->project;
}

} // namespace

TEST(ConversionPlanTest, ReproducesSipeedYolov5Script)
{
    const QList<ScriptCommand> expected =
        commandsOfScript(Mcw::Tests::dataPath(QStringLiteral("project/convert_yolov5_to_cvimodel.sh")));
    ASSERT_EQ(expected.size(), 4);

    const ConversionPlan plan = ConversionPlan::build(loadProject(QStringLiteral("yolov5s")));
    ASSERT_EQ(plan.steps.size(), 4);
    EXPECT_TRUE(plan.notes.isEmpty());
    for (int i = 0; i < 4; ++i) {
        EXPECT_EQ(plan.steps[i].invocation.program, expected[i].program) << i;
        EXPECT_EQ(plan.steps[i].invocation.arguments, expected[i].arguments)
            << i << ": " << plan.steps[i].invocation.toUserOutput().toStdString();
        EXPECT_EQ(plan.steps[i].invocation.workingDirectory,
                  Mcw::Tests::dataPath(QStringLiteral("project/workspace")));
    }
    EXPECT_EQ(plan.steps[0].kind, ConversionPlan::Step::Kind::Transform);
    EXPECT_EQ(plan.steps[1].kind, ConversionPlan::Step::Kind::DeployBf16);
    EXPECT_EQ(plan.steps[2].kind, ConversionPlan::Step::Kind::Calibration);
    EXPECT_EQ(plan.steps[3].kind, ConversionPlan::Step::Kind::DeployInt8);
}

TEST(ConversionPlanTest, CompareAllAddsDebugFlagsToInt8DeployOnly)
{
    ConversionPlan::Options options;
    options.compareAll = true;
    const ConversionPlan plan = ConversionPlan::build(loadProject(QStringLiteral("yolov5s")), options);
    ASSERT_EQ(plan.steps.size(), 4);
    const QStringList &int8 = plan.steps[3].invocation.arguments;
    EXPECT_TRUE(int8.contains(QStringLiteral("--compare_all")));
    EXPECT_TRUE(int8.contains(QStringLiteral("--debug")));
    EXPECT_EQ(int8.last(), QStringLiteral("yolov5s_int8.cvimodel"));
    EXPECT_FALSE(plan.steps[1].invocation.arguments.contains(QStringLiteral("--compare_all")));
}

TEST(ConversionPlanTest, OmitsFlagsTheInstalledToolRejects)
{
    ConversionPlan::Options options;
    options.capabilities.flags.insert(
        QStringLiteral("model_deploy"),
        {QStringLiteral("--mlir"), QStringLiteral("--quantize"), QStringLiteral("--chip"),
         QStringLiteral("--calibration_table"), QStringLiteral("--test_input"),
         QStringLiteral("--test_reference"), QStringLiteral("--tolerance"), QStringLiteral("--model")});
    const ConversionPlan plan = ConversionPlan::build(loadProject(QStringLiteral("yolov5s")), options);
    const QStringList &int8 = plan.steps[3].invocation.arguments;
    EXPECT_FALSE(int8.contains(QStringLiteral("--quant_input")));
    EXPECT_FALSE(int8.contains(QStringLiteral("--processor")));
    EXPECT_EQ(int8.at(int8.indexOf(QStringLiteral("--chip")) + 1), QStringLiteral("cv181x"));
    EXPECT_EQ(plan.notes.size(), 1);
    // model_transform.py has no entry, so every flag stays.
    EXPECT_TRUE(plan.steps[0].invocation.arguments.contains(QStringLiteral("--keep_aspect_ratio")));
}

TEST(ConversionPlanTest, QuantizeTableAndNegativeMean)
{
    Project p = loadProject(QStringLiteral("yolov5s"));
    p.quantization.quantizeTable = {{QStringLiteral("/model.0/conv/Conv_output_0"), QStringLiteral("BF16")}};
    p.preprocess.mean = {-1.0, 0.5, 2.0};
    p.quantization.bf16 = false;
    const ConversionPlan plan = ConversionPlan::build(p);
    ASSERT_EQ(plan.steps.size(), 3);
    EXPECT_TRUE(plan.steps[0].invocation.arguments.contains(QStringLiteral("--mean=-1,0.5,2")));
    const QStringList &int8 = plan.steps[2].invocation.arguments;
    const int at = int(int8.indexOf(QStringLiteral("--quantize_table")));
    ASSERT_GE(at, 0);
    EXPECT_EQ(int8.at(at + 1), QStringLiteral("yolov5s_qtable"));
    ASSERT_EQ(plan.files.size(), 1);
    EXPECT_EQ(plan.files[0].content, QStringLiteral("# op_name   quantize_mode\n/model.0/conv/Conv_output_0 BF16\n"));
}

TEST(ConversionPlanTest, FolderRunAddsOneModelRunnerStepPerImageAfterTheInt8Deploy)
{
    ConversionPlan::Options options;
    options.folderImages = {{QStringLiteral("/pics/dog.jpg"), QStringLiteral("preview/dog_in_f32.npz"),
                             QStringLiteral("preview/dog_int8_outputs.npz")},
                            {QStringLiteral("/pics/my cat.png"), QStringLiteral("preview/my cat_in_f32.npz"),
                             QStringLiteral("preview/my cat_int8_outputs.npz")}};
    const ConversionPlan plan = ConversionPlan::build(loadProject(QStringLiteral("yolov5s")), options);
    ASSERT_EQ(plan.steps.size(), 6);
    EXPECT_EQ(plan.steps[3].kind, ConversionPlan::Step::Kind::DeployInt8);
    for (int i = 4; i < 6; ++i) {
        const ConversionPlan::Step &step = plan.steps[i];
        const ConversionPlan::FolderImage &image = options.folderImages[i - 4];
        EXPECT_EQ(step.kind, ConversionPlan::Step::Kind::RunInt8OnImage);
        EXPECT_EQ(step.invocation.program, QStringLiteral("model_runner.py"));
        EXPECT_EQ(step.invocation.arguments,
                  (QStringList{QStringLiteral("--input"), image.inputFile, QStringLiteral("--model"),
                               QStringLiteral("yolov5s_int8.cvimodel"), QStringLiteral("--output"), image.outputsFile}));
        EXPECT_EQ(step.outputFile, image.outputsFile);
    }
    // A release with bare entry points gets the bare model_runner too.
    options.capabilities.programs.insert(QStringLiteral("model_deploy"), QStringLiteral("model_deploy"));
    EXPECT_EQ(ConversionPlan::build(loadProject(QStringLiteral("yolov5s")), options).steps[4].invocation.program,
              QStringLiteral("model_runner"));
    // No INT8 model, nothing to run it on; a search run deploys nothing either.
    Project bf16Only = loadProject(QStringLiteral("yolov5s"));
    bf16Only.quantization.int8 = false;
    EXPECT_EQ(ConversionPlan::build(bf16Only, options).steps.size(), 2);
    options.qtableSearch = ConversionPlan::QtableSearch{};
    for (const ConversionPlan::Step &step : ConversionPlan::build(loadProject(QStringLiteral("yolov5s")), options).steps)
        EXPECT_NE(step.kind, ConversionPlan::Step::Kind::RunInt8OnImage);
}

TEST(ConversionPlanTest, BashScriptRunsWithFakeTools)
{
    // Run the rendered script with stand-in tools that print their argv, then compare with
    // the plan: proves quoting, continuation lines and the workspace handling in real bash.
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Project p = loadProject(QStringLiteral("yolov5s"));
    p.workspaceDir = dir.filePath(QStringLiteral("work space"));
    p.cutTensors.append(QStringLiteral("it's $HOME"));
    p.quantization.quantizeTable = {{QStringLiteral("layer"), QStringLiteral("BF16")}};
    const ConversionPlan plan = ConversionPlan::build(p);
    const QString bin = dir.filePath(QStringLiteral("bin"));
    QDir().mkpath(bin);
    for (const QString &tool : {QStringLiteral("model_transform.py"), QStringLiteral("model_deploy.py"),
                                QStringLiteral("run_calibration.py")}) {
        QFile f(bin + QLatin1Char('/') + tool);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("#!/bin/bash\n{ echo \"$(basename \"$0\") $PWD\"; for a in \"$@\"; do echo \"[$a]\"; done; } >> \"$MCW_LOG\"\n");
        f.close();
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    }
    QFile script(dir.filePath(QStringLiteral("plan.sh")));
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write(plan.toBashScript().toUtf8());
    script.close();

    QProcess bash;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), bin + QLatin1Char(':') + env.value(QStringLiteral("PATH")));
    env.insert(QStringLiteral("MCW_LOG"), dir.filePath(QStringLiteral("log.txt")));
    bash.setProcessEnvironment(env);
    bash.start(QStringLiteral("/bin/bash"), {script.fileName()});
    ASSERT_TRUE(bash.waitForFinished(20000));
    ASSERT_EQ(bash.exitCode(), 0) << bash.readAllStandardError().toStdString();

    QString expected;
    for (const ConversionPlan::Step &s : plan.steps) {
        expected += s.invocation.program + QLatin1Char(' ') + p.workspaceDir + QLatin1Char('\n');
        for (const QString &a : s.invocation.arguments)
            expected += QLatin1Char('[') + a + QStringLiteral("]\n");
    }
    QFile log(dir.filePath(QStringLiteral("log.txt")));
    ASSERT_TRUE(log.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(log.readAll()), expected);
    QFile table(p.workspaceDir + QStringLiteral("/yolov5s_qtable"));
    ASSERT_TRUE(table.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(table.readAll()), plan.files[0].content);
}
