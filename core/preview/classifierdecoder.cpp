// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "classifierdecoder.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace Mcw::Core {

Expected<DecodedOutputs> ClassifierDecoder::decode(const QList<OutputTensor> &outputs,
                                                   const DecoderSettings &s)
{
    if (outputs.isEmpty())
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("classifier: the model has no outputs."));
    const OutputTensor *first = &outputs.first();
    for (const OutputTensor &t : outputs) {
        if (t.name.toStdString() < first->name.toStdString())
            first = &t;
    }
    const std::vector<float> &logits = first->values;
    if (logits.empty())
        return makeError(Error::Code::InvalidInput,
                         QStringLiteral("classifier: %1 is empty.").arg(first->name));
    const float maxValue = *std::max_element(logits.begin(), logits.end());
    std::vector<float> p(logits.size());
    double sum = 0;
    for (size_t i = 0; i < logits.size(); ++i) {
        p[i] = std::exp(logits[i] - maxValue);
        sum += p[i];
    }
    for (float &v : p)
        v = float(v / sum);
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(
        order.begin(), order.end(), [&](int a, int b) { return p[size_t(a)] > p[size_t(b)]; });
    DecodedOutputs result;
    result.decoder
        = QStringLiteral("classifier (softmax over %1, %2 values)").arg(first->name).arg(p.size());
    if (!s.labels.isEmpty() && s.labels.size() != qsizetype(p.size())) {
        result.notes.append(
            QStringLiteral(
                "The project has %1 labels but %2 has %3 values; labels are matched by index.")
                .arg(s.labels.size())
                .arg(first->name)
                .arg(p.size()));
    }
    for (int i = 0; i < std::min<int>(s.topK, int(order.size())); ++i) {
        Classification c;
        c.classId = order[size_t(i)];
        c.score = p[size_t(c.classId)];
        c.label = c.classId < s.labels.size() ? s.labels.at(c.classId)
                                              : QStringLiteral("class_%1").arg(c.classId);
        result.classes.append(c);
    }
    return result;
}

} // namespace Mcw::Core
