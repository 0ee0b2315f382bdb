// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "tensorcompare.h"

#include <cmath>
#include <cstdint>
#include <vector>

namespace Mcw::Core {

bool Tolerance::parse(const QString &text, Tolerance *out)
{
    const QStringList parts = text.split(QLatin1Char(','));
    if (parts.size() < 2)
        return false;
    bool ok1 = false;
    bool ok2 = false;
    const double c = parts[0].trimmed().toDouble(&ok1);
    const double e = parts[1].trimmed().toDouble(&ok2);
    if (!ok1 || !ok2)
        return false;
    out->cosine = c;
    out->euclidean = e;
    return true;
}

QString Tolerance::toString() const
{
    return QStringLiteral("%1,%2").arg(cosine).arg(euclidean);
}

QString compareStatusToken(CompareStatus status)
{
    switch (status) {
    case CompareStatus::Equal:
        return QStringLiteral("EQUAL");
    case CompareStatus::Close:
        return QStringLiteral("CLOSE");
    case CompareStatus::Similar:
        return QStringLiteral("SIMILAR");
    case CompareStatus::NotEqual:
        return QStringLiteral("NOT_EQUAL");
    case CompareStatus::NotSimilar:
        return QStringLiteral("NOT_SIMLIAR");
    case CompareStatus::NotMatch:
        return QStringLiteral("NOT_MATCH");
    }
    return {};
}

bool compareStatusPassed(CompareStatus status)
{
    return status == CompareStatus::Equal || status == CompareStatus::Close
           || status == CompareStatus::Similar;
}

static double sanitize(float v)
{
    if (std::isnan(v))
        return 0.0;
    if (std::isinf(v))
        return v > 0 ? 10000.0 : -10000.0;
    return double(v);
}

TensorComparison TensorCompare::compareValues(const QString &name,
                                              const float *t,
                                              const float *r,
                                              std::size_t n,
                                              bool int8Values,
                                              const CompareOptions &options)
{
    TensorComparison out;
    out.name = name;
    bool equal = true;
    bool close[3] = {true, true, true};
    static constexpr float rtol[3] = {1e-5f, 1e-4f, 1e-3f};
    static constexpr float atol = 1e-8f;
    double dot = 0, tt = 0, rr = 0, dd = 0, ss = 0;
    double sumT = 0, sumT2 = 0, sumN = 0, sumN2 = 0;
    const double shiftT = n ? sanitize(t[0]) : 0.0;
    const double shiftN = n ? sanitize(t[0]) - sanitize(r[0]) : 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const float a = t[i];
        const float b = r[i];
        if (!(a == b)) {
            equal = false;
            // np.allclose in float32, like numpy on float32 arrays (NaN never close).
            const float diff = std::fabs(a - b);
            const float scale = std::fabs(b);
            for (int k = 0; k < 3; ++k) {
                if (!(diff <= atol + rtol[k] * scale))
                    close[k] = false;
            }
        }
        const double x = sanitize(a);
        const double y = sanitize(b);
        dot += x * y;
        tt += x * x;
        rr += y * y;
        const double d = x - y;
        dd += d * d;
        const double m = (x + y) * 0.5;
        ss += m * m;
        const double xs = x - shiftT;
        sumT += xs;
        sumT2 += xs * xs;
        const double ns = d - shiftN;
        sumN += ns;
        sumN2 += ns * ns;
    }
    if (equal) {
        out.status = CompareStatus::Equal;
        out.cosine = out.euclidean = 1.0;
        out.sqnr = std::numeric_limits<double>::infinity();
        return out;
    }
    const double cosDen = std::sqrt(tt) * std::sqrt(rr);
    out.cosine = cosDen == 0.0 ? 0.0 : dot / cosDen;
    out.euclidean = 1.0 - std::sqrt(dd) / (std::sqrt(ss) + 1e-7);
    const double nd = double(n);
    const double signal = std::max(0.0, sumT2 - sumT * sumT / nd);
    const double noise = std::max(0.0, sumN2 - sumN * sumN / nd);
    out.sqnr = noise == 0.0 ? std::numeric_limits<double>::infinity()
                            : 10.0 * std::log10(signal / noise);
    if (int8Values && options.int8TensorClose) {
        out.status = CompareStatus::NotEqual;
        return out;
    }
    for (int k = 0; k < 3; ++k) {
        if (close[k]) {
            out.status = CompareStatus::Close;
            out.closeOrder = 5 - k;
            out.cosine = out.euclidean = 1.0;
            out.sqnr = std::numeric_limits<double>::infinity();
            return out;
        }
    }
    const bool similar
        = out.cosine > options.tolerance.cosine && out.euclidean > options.tolerance.euclidean;
    out.status = similar ? CompareStatus::Similar : CompareStatus::NotSimilar;
    return out;
}

// Casts like numpy's astype to an integer type: truncation toward zero, wrapping on overflow.
template<typename I> static void castInPlace(std::vector<float> &v)
{
    for (float &x : v) {
        if (!std::isfinite(x)) {
            x = 0.0f;
            continue;
        }
        x = float(I(std::int64_t(x)));
    }
}

static std::vector<float>
cropTo(const std::vector<float> &values, const QList<qint64> &from, const QList<qint64> &to)
{
    qint64 count = 1;
    for (qint64 d : to)
        count *= d;
    std::vector<float> out;
    out.reserve(size_t(count));
    const qsizetype rank = to.size();
    QList<qint64> stride(rank, 1);
    for (qsizetype k = rank - 2; k >= 0; --k)
        stride[k] = stride[k + 1] * from[k + 1];
    QList<qint64> idx(rank, 0);
    for (qint64 i = 0; i < count; ++i) {
        qint64 offset = 0;
        for (qsizetype k = 0; k < rank; ++k)
            offset += idx[k] * stride[k];
        out.push_back(values[size_t(offset)]);
        for (qsizetype k = rank - 1; k >= 0; --k) {
            if (++idx[k] < to[k])
                break;
            idx[k] = 0;
        }
    }
    return out;
}

TensorComparison TensorCompare::compare(const QString &name,
                                        const NpyArray &target,
                                        const NpyArray &reference,
                                        const CompareOptions &options)
{
    using D = NpyArray::DType;
    using I = NpyArray::Interpretation;
    // tpu-mlir keeps bf16 as uint16; decode it when the other side is float or when asked.
    const bool namedBf16 = options.bf16Names.contains(name)
                           || name.contains(QLatin1String("bf16"), Qt::CaseInsensitive);
    const auto interpretation = [&](const NpyArray &self, const NpyArray &other) {
        if (self.dtype() != D::UInt16)
            return I::Native;
        return namedBf16 || other.isFloatingPoint() ? I::Bf16 : I::Native;
    };
    const I howT = interpretation(target, reference);
    const I howR = interpretation(reference, target);

    TensorComparison out;
    out.name = name;
    out.targetShape = target.shape();
    out.referenceShape = reference.shape();

    // The common case (float32 on both sides, same size) is compared in place, without copies.
    const float *tDirect = target.float32Data();
    const float *rDirect = reference.float32Data();
    if (tDirect && rDirect && target.elementCount() == reference.elementCount()) {
        TensorComparison result = compareValues(
            name, tDirect, rDirect, std::size_t(target.elementCount()), false, options);
        result.targetShape = out.targetShape;
        result.referenceShape = out.referenceShape;
        result.dtype = QStringLiteral("float32");
        return result;
    }
    std::vector<float> t = target.toFloat(howT);
    std::vector<float> r = reference.toFloat(howR);
    if (t.size() != r.size()) {
        bool canCrop = target.shape().size() == reference.shape().size();
        for (qsizetype k = 0; canCrop && k < target.shape().size(); ++k)
            canCrop = target.shape()[k] <= reference.shape()[k];
        if (canCrop) {
            r = cropTo(r, reference.shape(), target.shape());
        } else {
            out.status = CompareStatus::NotMatch;
            out.note = QStringLiteral("%1 in two npz file is not same shape. %2 v.s. %3")
                           .arg(name,
                                NpyArray::shapeString(target.shape()),
                                NpyArray::shapeString(reference.shape()));
            return out;
        }
    }
    const bool decodedBf16 = howT == I::Bf16 || howR == I::Bf16;
    const auto isA
        = [&](D d) { return !decodedBf16 && (target.dtype() == d || reference.dtype() == d); };
    bool int8Values = false;
    QString dtype = QStringLiteral("float32");
    if (target.dtype() == reference.dtype() && !decodedBf16) {
        dtype = NpyArray::dtypeName(target.dtype());
        int8Values = target.dtype() == D::Int8;
    } else if (isA(D::Int8)) {
        castInPlace<qint8>(t);
        castInPlace<qint8>(r);
        int8Values = true;
        dtype = QStringLiteral("int8");
    } else if (isA(D::Int32)) {
        castInPlace<qint32>(t);
        castInPlace<qint32>(r);
        dtype = QStringLiteral("int32");
    }
    TensorComparison result
        = compareValues(name, t.data(), r.data(), t.size(), int8Values, options);
    result.targetShape = out.targetShape;
    result.referenceShape = out.referenceShape;
    result.dtype = dtype;
    return result;
}

} // namespace Mcw::Core
