// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include <core/logs/linesplitter.h>

#include <gtest/gtest.h>

using Mcw::Core::LineSplitter;

namespace {

struct SplitCase
{
    const char *name;
    QByteArray input;
    QList<LineSplitter::Line> expected; // including the flushed tail
};

void PrintTo(const SplitCase &c, std::ostream *os) { *os << c.name; }

LineSplitter::Line line(const char *text, bool overwrite = false)
{
    return LineSplitter::Line{QString::fromUtf8(text), overwrite};
}

QList<LineSplitter::Line> splitInChunks(const QByteArray &input, qsizetype chunk)
{
    LineSplitter s;
    QList<LineSplitter::Line> out;
    for (qsizetype i = 0; i < input.size(); i += chunk)
        out += s.feed(QByteArrayView(input).sliced(i, qMin(chunk, input.size() - i)));
    out += s.flush();
    return out;
}

class LineSplitterTest : public testing::TestWithParam<SplitCase>
{};

TEST_P(LineSplitterTest, SameLinesForEveryChunking)
{
    const SplitCase &c = GetParam();
    for (qsizetype chunk = 1; chunk <= c.input.size() + 1; ++chunk) {
        const QList<LineSplitter::Line> got = splitInChunks(c.input, chunk);
        ASSERT_EQ(got.size(), c.expected.size()) << "chunk size " << chunk;
        for (qsizetype i = 0; i < got.size(); ++i) {
            EXPECT_EQ(got[i].text, c.expected[i].text) << "chunk " << chunk << " line " << i;
            EXPECT_EQ(got[i].overwrite, c.expected[i].overwrite) << "chunk " << chunk << " line " << i;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, LineSplitterTest,
    testing::Values(
        SplitCase{"lf", "a\nbc\n", {line("a"), line("bc")}},
        SplitCase{"crlf_is_one_end", "a\r\nb\r\n", {line("a"), line("b")}},
        SplitCase{"lone_cr_is_overwrite", "x: 0%\rx: 50%\rx: 100%\n", {line("x: 0%", true), line("x: 50%", true), line("x: 100%")}},
        SplitCase{"tqdm_starts_with_cr", "\rcompare a:   0%|\rcompare a: 100%|\n",
                  {line("", true), line("compare a:   0%|", true), line("compare a: 100%|")}},
        SplitCase{"partial_tail_flushed", "done\npartial", {line("done"), line("partial")}},
        SplitCase{"trailing_cr_at_end", "bar\r", {line("bar", true)}},
        SplitCase{"empty_lines_kept", "\n\nx\n", {line(""), line(""), line("x")}},
        SplitCase{"utf8_block_chars", "compare: 100%|\xe2\x96\x88\xe2\x96\x88| 2/2\n",
                  {line("compare: 100%|\xe2\x96\x88\xe2\x96\x88| 2/2")}},
        SplitCase{"mixed", "a\r\n\rb\rc\nd", {line("a"), line("", true), line("b", true), line("c"), line("d")}}),
    [](const testing::TestParamInfo<SplitCase> &tp) { return std::string(tp.param.name); });

TEST(LineSplitter, PendingBytesTrackTail)
{
    LineSplitter s;
    EXPECT_TRUE(s.feed("abc").isEmpty());
    EXPECT_EQ(s.pendingBytes(), 3);
    const auto lines = s.feed("\n");
    ASSERT_EQ(lines.size(), 1);
    EXPECT_EQ(lines[0].text, QStringLiteral("abc"));
    EXPECT_EQ(s.pendingBytes(), 0);
    EXPECT_TRUE(s.flush().isEmpty());
}

} // namespace
