// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/project/numberformat.h>
#include <core/project/preprocesspresets.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace Mcw::Core;

// Expected strings are Python 3 repr() of the same doubles, written out of exponent form.
TEST(NumberFormatTest, ShortestRoundTripLikePythonRepr)
{
    EXPECT_EQ(formatDecimal(1.0 / 255.0), QStringLiteral("0.00392156862745098"));
    EXPECT_EQ(formatDecimal(1.0 / 58.395), QStringLiteral("0.017124753831663668"));
    EXPECT_EQ(formatDecimal(1.0 / 127.5), QStringLiteral("0.00784313725490196"));
    EXPECT_EQ(formatDecimal(0.1 + 0.2), QStringLiteral("0.30000000000000004"));
    EXPECT_EQ(formatDecimal(123.675), QStringLiteral("123.675"));
    EXPECT_EQ(formatDecimal(255.0), QStringLiteral("255"));
    EXPECT_EQ(formatDecimal(0.0), QStringLiteral("0"));
    EXPECT_EQ(formatDecimal(-0.0), QStringLiteral("0"));
    EXPECT_EQ(formatDecimal(1e-07), QStringLiteral("0.0000001"));
    EXPECT_EQ(formatDecimal(1e22), QStringLiteral("10000000000000000000000"));
    EXPECT_EQ(formatDecimal(-2.5), QStringLiteral("-2.5"));
}

TEST(NumberFormatTest, EveryFormattedValueReadsBackExactly)
{
    for (double v : {1.0 / 3.0, 1.0 / 57.12, 9.094947017729282e-13, 6.02214076e23, -1.0 / 7.0}) {
        const auto back = parseDecimal(formatDecimal(v));
        ASSERT_TRUE(back.has_value());
        EXPECT_EQ(*back, v);
    }
}

// Found by the project file fuzzer: anchors [-0, 1] saved as [0, 1] did not load back equal,
// since Qt 6.4 compares QList<double> byte by byte.
TEST(NumberFormatTest, MinusZeroReadsAsTheZeroThatIsWritten)
{
    for (const char *text : {"-0", "-0.0", "-0e5", "-.0"}) {
        const auto value = parseDecimal(QString::fromLatin1(text));
        ASSERT_TRUE(value.has_value()) << text;
        EXPECT_FALSE(std::signbit(*value)) << text;
        EXPECT_EQ(QList<double>{*value}, QList<double>{*parseDecimal(formatDecimal(*value))}) << text;
    }
}

TEST(NumberFormatTest, ParseDecimalRejectsWhatStofWouldMisread)
{
    EXPECT_FALSE(parseDecimal(QStringLiteral("1/255")));
    EXPECT_FALSE(parseDecimal(QStringLiteral("0.5abc")));
    EXPECT_FALSE(parseDecimal(QStringLiteral("")));
    EXPECT_FALSE(parseDecimal(QStringLiteral("nan")));
    EXPECT_FALSE(parseDecimal(QStringLiteral("0x10")));
    EXPECT_EQ(parseDecimal(QStringLiteral(" 1e-3 ")).value_or(0), 0.001);
    EXPECT_EQ(parseDecimal(QStringLiteral(".5")).value_or(0), 0.5);
}

TEST(PreprocessPresetsTest, PresetsAndStdScaleHelper)
{
    const QList<PreprocessPreset> presets = preprocessPresets();
    ASSERT_EQ(presets.size(), 4);
    EXPECT_EQ(presets[0].title, QStringLiteral("0–1 (YOLO)"));
    EXPECT_EQ(formatDecimalList(presets[0].scale, QStringLiteral(",")),
              QStringLiteral("0.00392156862745098,0.00392156862745098,0.00392156862745098"));
    const PreprocessPreset rgb = preprocessPreset(QStringLiteral("ImageNet RGB"));
    EXPECT_EQ(rgb.mean, (QList<double>{123.675, 116.28, 103.53}));
    EXPECT_EQ(formatDecimal(rgb.scale[0]), QStringLiteral("0.017124753831663668"));
    const PreprocessPreset bgr = preprocessPreset(QStringLiteral("imagenet-bgr"));
    EXPECT_EQ(bgr.pixelFormat, QStringLiteral("bgr"));
    EXPECT_EQ(bgr.mean, (QList<double>{103.53, 116.28, 123.675}));
    EXPECT_EQ(formatDecimal(bgr.scale[0]), QStringLiteral("0.017429193899782137"));
    const PreprocessPreset one = preprocessPreset(QStringLiteral("[-1, 1]"));
    EXPECT_EQ(formatDecimal(one.scale[2]), QStringLiteral("0.00784313725490196"));

    EXPECT_EQ(stdFromScale(scaleFromStd({255.0, 2.0, 0.0})), (QList<double>{255.0, 2.0, 0.0}));
    Preprocess pp; // the project default is the YOLO preset
    EXPECT_EQ(matchingPresetId(pp), QStringLiteral("yolo"));
    applyPreset(pp, bgr);
    EXPECT_EQ(matchingPresetId(pp), QStringLiteral("imagenet-bgr"));
    pp.mean[0] = 1.0;
    EXPECT_EQ(matchingPresetId(pp), QString());
}
