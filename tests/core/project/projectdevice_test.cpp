// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// The device as a project setting: stored, defaulted for old files, checked on switching.
#include <core/project/devicecheck.h>
#include <core/project/devicename.h>
#include <core/project/projectfile.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>

using namespace Mcw::Core;

static QStringList codes(const QList<Diagnostic> &diagnostics)
{
    QStringList out;
    for (const Diagnostic &d : diagnostics)
        out.append(d.code);
    return out;
}

TEST(ProjectDevice, OldFilesWithoutADeviceAreMaixCam)
{
    const auto loaded = ProjectFile::parse("schema: 1\nname: x\n", QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->diagnostics.isEmpty());
    EXPECT_EQ(loaded->project.device, Device::MaixCam);
    EXPECT_EQ(loaded->project.pulsar2, Pulsar2Settings{});
    // A MaixCAM project written back names its device but carries no Pulsar2 section.
    const QByteArray yaml = ProjectFile::serialize(loaded->project, QStringLiteral("/p/x.yaml"));
    EXPECT_TRUE(yaml.contains("\ndevice: maixcam\n")) << yaml.toStdString();
    EXPECT_FALSE(yaml.contains("pulsar2"));
}

TEST(ProjectDevice, MaixCam2SettingsRoundTrip)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    Project p;
    p.name = QStringLiteral("yolov8n");
    p.device = Device::MaixCam2;
    p.pulsar2.buildVnpu = false;
    p.pulsar2.calibrationMethod = QStringLiteral("Percentile");
    p.pulsar2.precisionAnalysis = false;
    p.pulsar2.u16Layers = {QStringLiteral("/model.22/Concat_3"), QStringLiteral("Conv_0")};
    p.workspaceDir = dir.filePath(QStringLiteral("workspace"));
    const QString path = dir.filePath(QStringLiteral("p.yaml"));
    ASSERT_TRUE(ProjectFile::save(p, path));
    const auto loaded = ProjectFile::load(path);
    ASSERT_TRUE(loaded);
    EXPECT_TRUE(loaded->diagnostics.isEmpty());
    EXPECT_EQ(loaded->project, p);
}

TEST(ProjectDevice, BadDeviceAndMethodAreReportedWithLinesAndDefaultsKept)
{
    const QByteArray yaml = "schema: 1\n"
                            "device: maixcam3\n"
                            "pulsar2:\n"
                            "  calibration_method: Entropy\n"
                            "  npu: sometimes\n";
    const auto loaded = ProjectFile::parse(yaml, QStringLiteral("/p/x.yaml"));
    ASSERT_TRUE(loaded);
    ASSERT_EQ(loaded->diagnostics.size(), 3);
    QList<int> lines;
    for (const Diagnostic &d : loaded->diagnostics) {
        lines.append(d.line);
        EXPECT_EQ(d.code, QStringLiteral("project_bad_value"));
    }
    std::sort(lines.begin(), lines.end());
    EXPECT_EQ(lines, (QList<int>{2, 4, 5}));
    EXPECT_EQ(loaded->diagnostics[0].message,
              QStringLiteral("/p/x.yaml:2: 'device' must be one of maixcam, maixcam2 (got 'maixcam3')."));
    EXPECT_EQ(loaded->project.device, Device::MaixCam);
    EXPECT_EQ(loaded->project.pulsar2.calibrationMethod, QStringLiteral("MinMax"));
    EXPECT_TRUE(loaded->project.pulsar2.buildNpu);
}

TEST(ProjectDevice, ParsesDeviceNamesCaseInsensitively)
{
    EXPECT_EQ(parseDevice(QStringLiteral("MaixCAM2")).value_or(Device::MaixCam), Device::MaixCam2);
    EXPECT_EQ(parseDevice(QStringLiteral("maixcam")).value_or(Device::MaixCam2), Device::MaixCam);
    const auto bad = parseDevice(QStringLiteral("k230"));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, QStringLiteral("The device 'k230' is unknown; use maixcam or maixcam2."));
}

TEST(ProjectDevice, SwitchingDeviceSaysWhichSettingsTheOtherDeviceIgnores)
{
    Project p;
    p.quantization.quantizeTable = {{QStringLiteral("/model.0/conv/Conv"), QStringLiteral("BF16")}};
    EXPECT_TRUE(DeviceCheck::check(p).isEmpty()); // MaixCAM uses its quantize table

    p.device = Device::MaixCam2;
    QList<Diagnostic> found = DeviceCheck::check(p);
    ASSERT_EQ(codes(found), QStringList{QStringLiteral("device_setting_unused")});
    EXPECT_EQ(found[0].severity, Diagnostic::Severity::Warning);
    EXPECT_TRUE(found[0].message.contains(QStringLiteral("MaixCAM2 ignores it"))) << found[0].message.toStdString();

    p.pulsar2.buildNpu = false;
    p.pulsar2.buildVnpu = false;
    found = DeviceCheck::check(p);
    EXPECT_EQ(codes(found), (QStringList{QStringLiteral("pulsar2_no_build"), QStringLiteral("device_setting_unused")}));
    EXPECT_EQ(found[0].severity, Diagnostic::Severity::Error);

    // Back to MaixCAM with U16 layers chosen for MaixCAM2: said, not an error.
    p.device = Device::MaixCam;
    p.pulsar2.u16Layers = {QStringLiteral("Conv_0")};
    found = DeviceCheck::check(p);
    ASSERT_EQ(codes(found), QStringList{QStringLiteral("device_setting_unused")});
    EXPECT_EQ(found[0].severity, Diagnostic::Severity::Warning);
}
