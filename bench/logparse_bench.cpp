// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
// Log parsing benchmark: feeds a generated 1M-line `npz_tool.py compare -vvvv` log through
// LogParser in 64 KiB chunks (as QProcess delivers output) and reports lines/s and the slowest
// single feed() call (what one readyRead slot would block the UI for).
#include <core/logs/logparser.h>

#include <QByteArray>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace Mcw::Core;

namespace {

struct Generated
{
    QByteArray text;
    qint64 lines = 0;
    int blocks = 0;
    int tensors = 0;
};

// Mirrors the -vvvv layout of reference §4.3: header, shape, metrics, top-k, all-diffs, all-elements.
Generated generate(qint64 targetLines)
{
    Generated g;
    g.text.reserve(targetLines * 28);
    const int tensorsPerBlock = 40;
    const int elements = 2000;
    unsigned state = 12345;
    const auto rnd = [&state]() {
        state = state * 1664525u + 1013904223u;
        return double(state >> 8) / double(1u << 24);
    };
    const auto add = [&g](const QByteArray &line) {
        g.text += line;
        g.text += '\n';
        ++g.lines;
    };
    while (g.lines < targetLines) {
        ++g.blocks;
        add("[Running]: npz_tool.py compare m_cv181x_int8_sym_tpu_outputs.npz m_top_outputs.npz --tolerance 0.99,0.9 --except - -vvvv");
        int failed = 0;
        for (int t = 0; t < tensorsPerBlock; ++t) {
            ++g.tensors;
            const double cos = 1.0 - 0.0003 * t;
            const double euc = 1.0 - 0.006 * t;
            const bool pass = euc > 0.9;
            failed += !pass;
            const QByteArray name = "/model." + QByteArray::number(t / 3) + "/conv/Conv_output_0_Conv";
            add("[" + name.leftJustified(32) + "] " + QByteArray(pass ? "SIMILAR" : "NOT_SIMLIAR").rightJustified(12)
                + " [" + (pass ? "PASSED" : "FAILED") + "]");
            add("    (1, 20, 10, 10) float32 ");
            add("    cosine_similarity      = " + QByteArray::number(cos, 'f', 6));
            add("    euclidean_similarity   = " + QByteArray::number(euc, 'f', 6));
            add("    sqnr_similarity        = " + QByteArray::number(20.0 + t, 'f', 6));
            if (!pass) {
                add("top-k:");
                add(" idx-t  target  idx-r  ref");
                for (int k = 0; k < 10; ++k)
                    add("  " + QByteArray::number(k * 7) + " " + QByteArray::number(rnd() * 5, 'g', 8) + " "
                        + QByteArray::number(k * 7 + 1) + " " + QByteArray::number(rnd() * 5, 'g', 8));
            }
            add("all-diffs:");
            for (int i = 0; i < elements / 10; ++i)
                add("  " + QByteArray::number(i * 10) + " " + QByteArray::number(rnd(), 'g', 8) + " "
                    + QByteArray::number(rnd(), 'g', 8));
            add("all-elements:");
            for (int i = 0; i < elements; ++i)
                add("  " + QByteArray::number(i) + " " + QByteArray::number(rnd(), 'g', 8) + " "
                    + QByteArray::number(rnd(), 'g', 8));
        }
        add(QByteArray::number(tensorsPerBlock) + " compared");
        add(QByteArray::number(tensorsPerBlock - failed) + " passed");
        add("  0 equal, 0 close, " + QByteArray::number(tensorsPerBlock - failed) + " similar");
        add(QByteArray::number(failed) + " failed");
        add("  0 not equal, " + QByteArray::number(failed) + " not similar");
        add("min_similiarity = (0.9883000254631042, 0.766, 20.0)");
        add("Target    m_cv181x_int8_sym_tpu_outputs.npz");
        add("Reference m_top_outputs.npz");
        add(failed ? "npz compare FAILED." : "npz compare PASSED.");
    }
    return g;
}

} // namespace

int main(int argc, char *argv[])
{
    qint64 targetLines = 1000000;
    int rounds = 3;
    if (argc > 1)
        targetLines = QByteArray(argv[1]).toLongLong();
    if (argc > 2)
        rounds = QByteArray(argv[2]).toInt();
    const Generated g = generate(targetLines);
    std::printf("generated %lld lines (%.1f MiB), %d compare blocks, %d tensors\n", static_cast<long long>(g.lines),
                double(g.text.size()) / (1 << 20), g.blocks, g.tensors);

    const qsizetype chunk = 64 * 1024;
    double best = 1e30;
    double worstFeedMs = 0;
    for (int r = 0; r < rounds; ++r) {
        LogParser parser;
        QElapsedTimer total;
        total.start();
        for (qsizetype i = 0; i < g.text.size(); i += chunk) {
            QElapsedTimer one;
            one.start();
            parser.feed(LogParser::Stream::Stdout, QByteArrayView(g.text).sliced(i, std::min(chunk, g.text.size() - i)));
            worstFeedMs = std::max(worstFeedMs, one.nsecsElapsed() / 1e6);
        }
        parser.finish(1);
        const double seconds = total.nsecsElapsed() / 1e9;
        best = std::min(best, seconds);
        // Sanity: every block and tensor was recognised, and the failure was classified.
        int tensors = 0;
        for (const CompareBlock &b : parser.compares())
            tensors += int(b.tensors.size());
        if (parser.compares().size() != g.blocks || tensors != g.tensors || !parser.failure()
            || parser.failure()->code != QLatin1String("similarity_below_tolerance")) {
            std::fprintf(stderr, "parse mismatch: %lld blocks, %d tensors\n",
                         static_cast<long long>(parser.compares().size()), tensors);
            return 1;
        }
        std::printf("round %d: %.3f s, %.0f lines/s\n", r + 1, seconds, double(g.lines) / seconds);
    }
    std::printf("best: %.0f lines/s (%.1f MiB/s); slowest 64 KiB feed(): %.2f ms\n", double(g.lines) / best,
                double(g.text.size()) / (1 << 20) / best, worstFeedMs);
    return 0;
}
