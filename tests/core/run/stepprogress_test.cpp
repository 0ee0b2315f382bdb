// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/logs/linesplitter.h>
#include <core/run/stepprogress.h>

#include <QFile>

#include <gtest/gtest.h>

using Mcw::Core::LineSplitter;
using Mcw::Core::OutputStream;
using Mcw::Core::StepProgress;

// These tests feed captured transcripts and check what a user sees — the bar never goes back,
// stages change exactly at the tool's own markers, bars fill inside their stage, a finished run
// ends full — without restating the weights StepProgress gives each stage.

struct FedLine
{
    QString text;
    OutputStream stream;
    double fraction;
    QString stage;
};

/** Replays a transcript; tqdm frames (`NN%|…|`) came from stderr, everything else from stdout. */
static QList<FedLine> replay(const QString &logName, const QString &tool)
{
    QFile f(QStringLiteral(MCW_TEST_DATA_DIR "/logs/") + logName);
    EXPECT_TRUE(f.open(QIODevice::ReadOnly)) << logName.toStdString();
    LineSplitter splitter;
    QList<LineSplitter::Line> lines = splitter.feed(f.readAll());
    lines += splitter.flush();
    StepProgress progress(tool);
    QList<FedLine> fed;
    for (const LineSplitter::Line &line : lines) {
        if (line.text.startsWith(QLatin1Char('#')))
            continue; // the transcript generator's own header and exit status
        const OutputStream stream = line.text.contains(QLatin1String("%|")) ? OutputStream::Stderr
                                                                           : OutputStream::Stdout;
        progress.feed(stream, line.text);
        fed.append({line.text, stream, progress.fraction(), progress.stage()});
    }
    return fed;
}

static bool isStageMarker(const QString &line)
{
    return line.startsWith(QLatin1String("[Running]:")) || line.startsWith(QLatin1String("[CMD]:"));
}

static void expectMonotonicFromZeroToOne(const QList<FedLine> &fed)
{
    ASSERT_FALSE(fed.isEmpty());
    double previous = 0.0;
    for (const FedLine &f : fed) {
        EXPECT_GE(f.fraction, previous) << "went back at: " << f.text.toStdString();
        EXPECT_LE(f.fraction, 1.0) << f.text.toStdString();
        previous = f.fraction;
    }
    EXPECT_EQ(fed.first().fraction, 0.0) << "the version banner is not progress";
    EXPECT_DOUBLE_EQ(fed.last().fraction, 1.0) << "a finished run ends full";
}

/** Indices of the lines at which the stage name changed. */
static QList<int> stageBoundaries(const QList<FedLine> &fed)
{
    QList<int> at;
    QString stage;
    for (int i = 0; i < fed.size(); ++i) {
        if (fed[i].stage != stage)
            at.append(i);
        stage = fed[i].stage;
    }
    return at;
}

TEST(StepProgress, DeployMovesAtTheToolsMarkersAndEndsFull)
{
    const QList<FedLine> fed = replay(QStringLiteral("fake-deploy-int8-ok.log"), QStringLiteral("model_deploy.py"));
    expectMonotonicFromZeroToOne(fed);

    const QList<int> boundaries = stageBoundaries(fed);
    QStringList stages;
    for (qsizetype b = 0; b < boundaries.size(); ++b) {
        const int i = boundaries[b];
        EXPECT_TRUE(isStageMarker(fed[i].text)) << "stage changed on a non-marker: " << fed[i].text.toStdString();
        EXPECT_GT(fed[i].fraction, b > 0 ? fed[boundaries[b - 1]].fraction : 0.0)
            << "each stage starts further along than the one before: " << fed[i].text.toStdString();
        stages.append(fed[i].stage);
    }
    // The model_deploy.py steps in the order the transcript runs them.
    EXPECT_EQ(stages, (QStringList{QStringLiteral("lowering"), QStringLiteral("tpu MLIR inference"),
                                   QStringLiteral("comparing tpu MLIR"), QStringLiteral("optimising"),
                                   QStringLiteral("code generation"), QStringLiteral("model inference"),
                                   QStringLiteral("comparing final model")}))
        << stages.join(QStringLiteral(" | ")).toStdString();

    // The first compare's bar fills part of the way towards the next stage, never past it.
    const int compare = boundaries[2];
    const int next = boundaries[3];
    double halfway = -1;
    for (int i = compare; i < next; ++i) {
        if (fed[i].stream == OutputStream::Stderr && fed[i].text.contains(QLatin1String(" 50%|")))
            halfway = fed[i].fraction;
    }
    EXPECT_GT(halfway, fed[compare].fraction);
    EXPECT_LT(halfway, fed[next].fraction);
}

TEST(StepProgress, AnEarlyMarkerAfterALaterStageNeverMovesBack)
{
    StepProgress p(QStringLiteral("model_deploy.py"));
    p.feed(OutputStream::Stdout, QStringLiteral("[Running]: tpuc-opt m_final.mlir --codegen=\"model_file=m.cvimodel\" -o /dev/null"));
    const double atCodegen = p.fraction();
    const QString stage = p.stage();
    EXPECT_GT(atCodegen, 0.0);
    EXPECT_FALSE(p.feed(OutputStream::Stdout, QStringLiteral("[Running]: tpuc-opt --convert-top-to-tpu")));
    EXPECT_EQ(p.fraction(), atCodegen);
    EXPECT_EQ(p.stage(), stage);
}

TEST(StepProgress, CalibrationPhasesFollowTheirBarsAndEndFull)
{
    const QList<FedLine> fed = replay(QStringLiteral("fake-calibration-ok.log"), QStringLiteral("run_calibration"));
    expectMonotonicFromZeroToOne(fed);

    // Each phase starts with the first frame of its bar and ends below the next phase's start.
    const QList<int> boundaries = stageBoundaries(fed);
    QStringList stages;
    for (int i : boundaries)
        stages.append(fed[i].stage);
    EXPECT_EQ(stages, (QStringList{QStringLiteral("loading samples"), QStringLiteral("collecting activations"),
                                   QStringLiteral("searching thresholds"), QStringLiteral("auto-tune")}))
        << stages.join(QStringLiteral(" | ")).toStdString();
    for (int b = 1; b + 1 < boundaries.size(); ++b) {
        const double lastInPhase = fed[boundaries[b + 1] - 1].fraction;
        EXPECT_GT(lastInPhase, fed[boundaries[b]].fraction) << "the bar fills " << stages[b].toStdString();
        EXPECT_LE(lastInPhase, fed[boundaries[b + 1]].fraction);
    }
}

TEST(StepProgress, LinesThatAreNeitherMarkersNorBarsChangeNothing)
{
    StepProgress p(QStringLiteral("run_calibration"));
    EXPECT_FALSE(p.feed(OutputStream::Stderr, QStringLiteral("not a bar")));
    EXPECT_FALSE(p.feed(OutputStream::Stdout, QStringLiteral("2025/02/19 15:50:30 - INFO : hello")));
    EXPECT_EQ(p.fraction(), 0.0);
    EXPECT_EQ(p.stage(), QString());
}
