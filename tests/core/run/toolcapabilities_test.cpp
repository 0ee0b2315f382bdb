// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtestsupport.h"

#include <core/toolchain/toolcapabilities.h>
#include <core/run/toolchainprobe.h>

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace Mcw;
using Core::ToolCapabilities;
using Core::ToolInvocation;

static QString dataFile(const char *name)
{
    return QStringLiteral(MCW_TEST_DATA_DIR "/run/") + QLatin1String(name);
}

static QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

TEST(ToolCapabilities, HelpFlagsMatchWhatArgparseDeclared)
{
    // Both files come from make_help_sample.py: argparse's own help text and its option list.
    const QSet<QString> parsed = ToolCapabilities::parseHelpFlags(readText(dataFile("model_deploy_help.txt")));
    const QStringList declared = readText(dataFile("model_deploy_help.flags")).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_EQ(declared.size(), 22);
    EXPECT_EQ(parsed, QSet<QString>(declared.cbegin(), declared.cend()));
}

struct VersionCase
{
    const char *line;
    const char *version;
};

class ToolVersion : public ::testing::TestWithParam<VersionCase>
{};

TEST_P(ToolVersion, ReadsTheBannerFormatsOfEveryEra)
{
    EXPECT_EQ(ToolCapabilities::parseVersion(QString::fromUtf8(GetParam().line)), QString::fromUtf8(GetParam().version));
}

INSTANTIATE_TEST_SUITE_P(
    Banners, ToolVersion,
    ::testing::Values(VersionCase{"2025/02/19 15:50:30 - INFO : TPU-MLIR v1.15.1-20250208", "v1.15.1-20250208"},
                      VersionCase{"TPU-MLIR v1.16.beta.0-41-g5eba2a0e2-20250327", "v1.16.beta.0-41-g5eba2a0e2-20250327"},
                      VersionCase{"SOPHGO Toolchain v1.3.228-g19ca95e9-20230921", "v1.3.228-g19ca95e9-20230921"},
                      VersionCase{"2024/12/11 10:00:00 - INFO : TPU-MLIR UNKNOWN.UNKNOWN-20241211", "UNKNOWN.UNKNOWN-20241211"},
                      VersionCase{"usage: model_deploy.py [-h]", ""}),
    [](const ::testing::TestParamInfo<VersionCase> &p) { return "banner" + std::to_string(p.index); });

TEST(ToolCapabilities, FilteredDropsUnknownFlagsAndTheirValues)
{
    ToolCapabilities caps;
    caps.flags.insert(QStringLiteral("model_deploy"),
                      {QStringLiteral("--mlir"), QStringLiteral("--quant_input"), QStringLiteral("--model")});
    const ToolInvocation inv{QStringLiteral("model_deploy.py"),
                             {QStringLiteral("--mlir"), QStringLiteral("a.mlir"), QStringLiteral("--compare_all"),
                              QStringLiteral("--quant_input"), QStringLiteral("--tolerance"), QStringLiteral("0.9,0.6"),
                              QStringLiteral("--excepts=-"), QStringLiteral("--model"), QStringLiteral("m.cvimodel")},
                             QStringLiteral("/w"),
                             {}};
    QStringList dropped;
    const ToolInvocation out = caps.filtered(inv, &dropped);
    EXPECT_EQ(out.arguments, (QStringList{QStringLiteral("--mlir"), QStringLiteral("a.mlir"), QStringLiteral("--quant_input"),
                                          QStringLiteral("--model"), QStringLiteral("m.cvimodel")}));
    EXPECT_EQ(dropped, (QStringList{QStringLiteral("--compare_all"), QStringLiteral("--tolerance"), QStringLiteral("--excepts")}));
    // A tool that was never probed keeps everything.
    const ToolInvocation other{QStringLiteral("run_calibration.py"), {QStringLiteral("--whatever"), QStringLiteral("1")}, {}, {}};
    EXPECT_EQ(caps.filtered(other), other);
    EXPECT_EQ(ToolCapabilities::fromJson(caps.toJson()), caps);
    caps.imageId = QStringLiteral("sha256:0123");
    EXPECT_EQ(ToolCapabilities::fromJson(caps.toJson()), caps);
}

namespace {

class Probe : public ::testing::Test
{
protected:
    void SetUp() override
    {
        m_log = m_dir.filePath(QStringLiteral("docker.log"));
        qputenv("MCW_RECORDING_DOCKER_LOG", m_log.toUtf8());
        qputenv("MCW_RECORDING_DOCKER_STATE", "ok");
        // A "model_deploy.py" that prints the captured help, like the real tool's --help.
        m_tool = m_dir.filePath(QStringLiteral("model_deploy.py"));
        QFile script(m_tool);
        ASSERT_TRUE(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\ncat '" + dataFile("model_deploy_help.txt").toUtf8() + "'\n");
        script.close();
        script.setPermissions(script.permissions() | QFile::ExeOwner);
        m_settings.dockerProgram = Tests::recordingDockerPath();
    }
    void TearDown() override
    {
        qunsetenv("MCW_RECORDING_DOCKER_LOG");
        qunsetenv("MCW_RECORDING_DOCKER_STATE");
    }

    QTemporaryDir m_dir;
    QString m_log;
    QString m_tool;
    Core::ToolchainSettings m_settings;
};

} // namespace

TEST_F(Probe, DockerRunReadsVersionAndFlags)
{
    Core::ToolchainProbe probe(m_settings);
    probe.setTools({m_tool});
    probe.setWorkingDirectory(m_dir.path());
    bool done = false;
    QObject::connect(&probe, &Core::ToolchainProbe::finished, &probe, [&] { done = true; });
    probe.start();
    ASSERT_TRUE(Tests::waitUntil([&] { return done; }));
    auto caps = probe.result();
    ASSERT_TRUE(caps.has_value()) << caps.error().message.toStdString();
    EXPECT_EQ(caps->version, QStringLiteral("v1.15.1-20250208"));
    EXPECT_TRUE(caps->accepts(QStringLiteral("model_deploy.py"), QStringLiteral("--quant_input")));
    EXPECT_FALSE(caps->accepts(QStringLiteral("model_deploy"), QStringLiteral("--fazzy_match")));
    ASSERT_EQ(probe.checks().size(), 3);
    EXPECT_EQ(probe.checks().at(2).message, QStringLiteral("model_deploy accepts 22 flags."));
    const auto calls = Tests::recordedDockerCalls(m_log);
    ASSERT_EQ(calls.size(), 3);
    EXPECT_EQ(calls.at(0).first(), QStringLiteral("version"));
    EXPECT_EQ(calls.at(1).mid(0, 2), (QStringList{QStringLiteral("image"), QStringLiteral("inspect")}));
    // The id the double printed for the image: a run later compares it with the image's id then.
    EXPECT_EQ(caps->imageId, QStringLiteral("sha256:4f3c0c5b6d2e8a1f9b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a"));
    EXPECT_EQ(calls.at(2).first(), QStringLiteral("run"));
    EXPECT_EQ(calls.at(2).mid(calls.at(2).size() - 3),
              (QStringList{m_settings.image, m_tool, QStringLiteral("--help")}));

    QSettings store(m_dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    Core::ToolchainProbe::storeCapabilities(store, m_settings, *caps);
    EXPECT_EQ(Core::ToolchainProbe::storedCapabilities(store, m_settings), *caps);
    // Kept by a release that did not record the image id: the next run probes again.
    Core::ToolCapabilities withoutId = *caps;
    withoutId.imageId.clear();
    Core::ToolchainProbe::storeCapabilities(store, m_settings, withoutId);
    EXPECT_TRUE(Core::ToolchainProbe::storedCapabilities(store, m_settings).isEmpty());
}

TEST_F(Probe, StopsAtTheFirstFailedCheckWithItsSentence)
{
    qputenv("MCW_RECORDING_DOCKER_STATE", "no_permission");
    Core::ToolchainProbe probe(m_settings);
    probe.setTools({m_tool});
    bool done = false;
    QObject::connect(&probe, &Core::ToolchainProbe::finished, &probe, [&] { done = true; });
    probe.start();
    ASSERT_TRUE(Tests::waitUntil([&] { return done; }));
    ASSERT_FALSE(probe.result().has_value());
    EXPECT_TRUE(probe.result().error().message.startsWith(QStringLiteral("Permission denied on the Docker socket")));
    ASSERT_EQ(probe.checks().size(), 1);
    EXPECT_FALSE(probe.checks().first().ok);
}

TEST_F(Probe, NativeToolThatIsNotTpuMlirIsRejected)
{
    m_settings.backend = Core::ToolchainSettings::Backend::Native;
    Core::ToolchainProbe probe(m_settings);
    probe.setTools({Tests::fakeToolPath()}); // exits 0 without printing a usage
    bool done = false;
    QObject::connect(&probe, &Core::ToolchainProbe::finished, &probe, [&] { done = true; });
    probe.start();
    ASSERT_TRUE(Tests::waitUntil([&] { return done; }));
    ASSERT_FALSE(probe.result().has_value());
    EXPECT_TRUE(probe.result().error().message.contains(QStringLiteral("printed no argparse usage")));
}
