// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <widgets/jobs/qtablesearchdialog.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>

#include <gtest/gtest.h>

using namespace Mcw;

/** What the probe would read from the double of \a release's `run_calibration --help`. */
static Core::ToolCapabilities probedCalibration(const QString &release)
{
    QProcess help;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("FAKE_TPU_VERSION"), release);
    help.setProcessEnvironment(env);
    help.start(QStringLiteral(MCW_FAKES_DIR "/run_calibration.py"), {QStringLiteral("--help")});
    EXPECT_TRUE(help.waitForFinished(30000));
    const QString text = QString::fromUtf8(help.readAllStandardOutput());
    Core::ToolCapabilities caps;
    caps.version = Core::ToolCapabilities::parseVersion(text);
    caps.flags.insert(QStringLiteral("run_calibration"),
                      Core::ToolCapabilities::parseHelpFlags(text));
    caps.choices.insert(QStringLiteral("run_calibration"),
                        Core::ToolCapabilities::parseHelpChoices(text));
    return caps;
}

static QPushButton *searchButton(const Widgets::QtableSearchDialog &dialog)
{
    return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
}

TEST(QtableSearchDialog, OffersTheMethodsAndKnobsOfTheProbedRelease)
{
    Core::ConversionPlan::QtableSearch initial;
    initial.method = QStringLiteral("fast_search"); // not in 1.28.1: falls back to search_qtable
    initial.maxFloatLayers = 7;
    {
        Widgets::QtableSearchDialog dialog(probedCalibration(QStringLiteral("1.28.1")), initial);
        EXPECT_EQ(dialog.enabledMethods(), QStringList{QStringLiteral("search_qtable")});
        EXPECT_TRUE(searchButton(dialog)->isEnabled());
        for (const char *name : {"expectedCos", "minLayerCos", "maxFloatLayers", "inferenceNum"})
            EXPECT_TRUE(dialog.findChild<QWidget *>(QLatin1String(name))->isEnabled()) << name;
        dialog.findChild<QDoubleSpinBox *>(QStringLiteral("expectedCos"))->setValue(0.985);
        const Core::ConversionPlan::QtableSearch chosen = dialog.options();
        EXPECT_EQ(chosen.method, QStringLiteral("search_qtable"));
        EXPECT_DOUBLE_EQ(chosen.expectedCos, 0.985);
        EXPECT_EQ(chosen.maxFloatLayers, 7);
        EXPECT_EQ(chosen.inferenceNum, initial.inferenceNum);
    }
    {
        Widgets::QtableSearchDialog dialog(probedCalibration(QStringLiteral("1.30.2")), initial);
        EXPECT_EQ(dialog.enabledMethods(),
                  (QStringList{QStringLiteral("search_qtable"),
                               QStringLiteral("fast_search"),
                               QStringLiteral("mix_search")}));
        EXPECT_EQ(dialog.options().method, QStringLiteral("fast_search"));
    }
    {
        // Before the search was folded into run_calibration: nothing to run, and the note says why.
        Widgets::QtableSearchDialog dialog(probedCalibration(QStringLiteral("1.7")), initial);
        EXPECT_TRUE(dialog.enabledMethods().isEmpty());
        EXPECT_FALSE(searchButton(dialog)->isEnabled());
        EXPECT_FALSE(dialog.findChild<QWidget *>(QStringLiteral("expectedCos"))->isEnabled());
        const auto *note = dialog.findChild<QLabel *>(QStringLiteral("searchNote"));
        EXPECT_TRUE(note->text().contains(QStringLiteral("no run_calibration --search")))
            << note->text().toStdString();
    }
    {
        // Not probed yet: everything is offered; the plan drops what the tools then reject.
        Widgets::QtableSearchDialog dialog(std::nullopt, initial);
        EXPECT_EQ(dialog.enabledMethods().size(), 3);
        EXPECT_TRUE(searchButton(dialog)->isEnabled());
    }
}
