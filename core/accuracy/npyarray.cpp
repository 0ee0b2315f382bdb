// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "npyarray.h"

#include <QRegularExpression>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <limits>

namespace Mcw::Core {

// An npz entry larger than this is treated as corrupt rather than allocated.
static constexpr qint64 s_maxArrayBytes = qint64(8) << 30;

static Unexpected npyError(const QString &source, const QString &problem)
{
    return makeError(Error::Code::InvalidInput, QStringLiteral("%1: %2").arg(source, problem));
}

static bool dtypeFromDescr(QChar kind, int size, NpyArray::DType *dtype)
{
    using D = NpyArray::DType;
    const char k = kind.toLatin1();
    if (k == 'b' && size == 1)
        *dtype = D::Bool;
    else if (k == 'i' && size == 1)
        *dtype = D::Int8;
    else if (k == 'u' && size == 1)
        *dtype = D::UInt8;
    else if (k == 'i' && size == 2)
        *dtype = D::Int16;
    else if (k == 'u' && size == 2)
        *dtype = D::UInt16;
    else if (k == 'i' && size == 4)
        *dtype = D::Int32;
    else if (k == 'i' && size == 8)
        *dtype = D::Int64;
    else if (k == 'f' && size == 2)
        *dtype = D::Float16;
    else if (k == 'f' && size == 4)
        *dtype = D::Float32;
    else if (k == 'f' && size == 8)
        *dtype = D::Float64;
    else
        return false;
    return true;
}

Expected<NpyArray> NpyArray::parse(const QByteArray &bytes, const QString &source)
{
    static const QByteArray magic("\x93NUMPY", 6);
    if (bytes.size() < 10 || !bytes.startsWith(magic))
        return npyError(source, QStringLiteral("not a NumPy .npy array (bad magic bytes)."));
    const auto major = quint8(bytes.at(6));
    qint64 headerLength = 0;
    qint64 headerStart = 0;
    if (major == 1) {
        headerLength = qFromLittleEndian<quint16>(bytes.constData() + 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            return npyError(source, QStringLiteral("the .npy header is truncated."));
        headerLength = qFromLittleEndian<quint32>(bytes.constData() + 8);
        headerStart = 12;
    } else {
        return npyError(source, QStringLiteral("unsupported .npy format version %1.").arg(major));
    }
    if (headerStart + headerLength > bytes.size())
        return npyError(source, QStringLiteral("the .npy header is truncated."));
    // Version 3 only differs by allowing UTF-8 in the header (field names of structured types).
    const QString header = QString::fromUtf8(bytes.constData() + headerStart, headerLength);

    static const QRegularExpression descrRe(
        QStringLiteral("['\"]descr['\"]\\s*:\\s*['\"]([<>|=])([a-zA-Z?])(\\d*)['\"]"));
    static const QRegularExpression fortranRe(
        QStringLiteral("['\"]fortran_order['\"]\\s*:\\s*(True|False)"));
    static const QRegularExpression shapeRe(
        QStringLiteral("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)"));
    const auto descr = descrRe.match(header);
    const auto fortran = fortranRe.match(header);
    const auto shapeMatch = shapeRe.match(header);
    if (!descr.hasMatch() || !fortran.hasMatch() || !shapeMatch.hasMatch())
        return npyError(source,
                        QStringLiteral("the .npy header is not a valid array description."));

    NpyArray array;
    array.m_descr = descr.captured(1) + descr.captured(2) + descr.captured(3);
    QChar kind = descr.captured(2).at(0);
    int size = descr.captured(3).isEmpty() ? 1 : descr.captured(3).toInt();
    if (kind == QLatin1Char('?')) {
        kind = QLatin1Char('b');
        size = 1;
    }
    if (!dtypeFromDescr(kind, size, &array.m_dtype)) {
        return npyError(source,
                        QStringLiteral("unsupported element type '%1'.").arg(array.m_descr));
    }
    array.m_bigEndian = descr.captured(1) == QLatin1String(">") && size > 1;
    array.m_fortranOrder = fortran.captured(1) == QLatin1String("True");
    qint64 count = 1;
    const QStringList dims = shapeMatch.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString &d : dims) {
        const QString t = d.trimmed();
        if (t.isEmpty())
            continue;
        bool ok = false;
        const qint64 v = t.toLongLong(&ok);
        if (!ok || v < 0)
            return npyError(source, QStringLiteral("the .npy shape '%1' is invalid.").arg(t));
        array.m_shape.append(v);
        if (v != 0 && count > s_maxArrayBytes / v)
            return npyError(source, QStringLiteral("the declared array size is absurdly large."));
        count *= v;
    }
    const qint64 needed = count * size;
    if (needed > s_maxArrayBytes)
        return npyError(source, QStringLiteral("the declared array size is absurdly large."));
    const qint64 dataStart = headerStart + headerLength;
    if (bytes.size() - dataStart < needed) {
        return npyError(source,
                        QStringLiteral("the array data is truncated (%1 of %2 bytes).")
                            .arg(bytes.size() - dataStart)
                            .arg(needed));
    }
    array.m_bytes = bytes;
    array.m_offset = dataStart;
    return array;
}

QString NpyArray::dtypeName(DType dtype)
{
    switch (dtype) {
    case DType::Bool:
        return QStringLiteral("bool");
    case DType::Int8:
        return QStringLiteral("int8");
    case DType::UInt8:
        return QStringLiteral("uint8");
    case DType::Int16:
        return QStringLiteral("int16");
    case DType::UInt16:
        return QStringLiteral("uint16");
    case DType::Int32:
        return QStringLiteral("int32");
    case DType::Int64:
        return QStringLiteral("int64");
    case DType::Float16:
        return QStringLiteral("float16");
    case DType::Float32:
        return QStringLiteral("float32");
    case DType::Float64:
        return QStringLiteral("float64");
    }
    return {};
}

int NpyArray::itemSize() const
{
    switch (m_dtype) {
    case DType::Bool:
    case DType::Int8:
    case DType::UInt8:
        return 1;
    case DType::Int16:
    case DType::UInt16:
    case DType::Float16:
        return 2;
    case DType::Int32:
    case DType::Float32:
        return 4;
    case DType::Int64:
    case DType::Float64:
        return 8;
    }
    return 1;
}

qint64 NpyArray::elementCount() const
{
    qint64 n = 1;
    for (qint64 d : m_shape)
        n *= d;
    return n;
}

bool NpyArray::isInteger() const
{
    return !isFloatingPoint() && m_dtype != DType::Bool;
}

bool NpyArray::isFloatingPoint() const
{
    return m_dtype == DType::Float16 || m_dtype == DType::Float32 || m_dtype == DType::Float64;
}

QString NpyArray::shapeString(const QList<qint64> &shape)
{
    QStringList parts;
    for (qint64 d : shape)
        parts.append(QString::number(d));
    if (parts.size() == 1)
        return QStringLiteral("(%1,)").arg(parts.first());
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

float NpyArray::bf16ToFloat(quint16 bits)
{
    const quint32 word = quint32(bits) << 16;
    float f;
    std::memcpy(&f, &word, sizeof f);
    return f;
}

float NpyArray::halfToFloat(quint16 bits)
{
    const int sign = bits >> 15;
    const int exponent = (bits >> 10) & 0x1f;
    const int mantissa = bits & 0x3ff;
    float value;
    if (exponent == 0)
        value = std::ldexp(float(mantissa), -24);
    else if (exponent == 31)
        value = mantissa ? std::numeric_limits<float>::quiet_NaN()
                         : std::numeric_limits<float>::infinity();
    else
        value = std::ldexp(float(mantissa | 0x400), exponent - 25);
    return sign ? -value : value;
}

template<typename T> static T readStored(const char *p, bool bigEndian)
{
    return bigEndian ? qFromBigEndian<T>(p) : qFromLittleEndian<T>(p);
}

double NpyArray::storedValue(qint64 storageIndex, Interpretation how) const
{
    const char *p = (m_bytes.constData() + m_offset) + storageIndex * itemSize();
    switch (m_dtype) {
    case DType::Bool:
        return *p ? 1.0 : 0.0;
    case DType::Int8:
        return double(qint8(*p));
    case DType::UInt8:
        return double(quint8(*p));
    case DType::Int16:
        return double(readStored<qint16>(p, m_bigEndian));
    case DType::UInt16: {
        const auto bits = readStored<quint16>(p, m_bigEndian);
        return how == Interpretation::Bf16 ? double(bf16ToFloat(bits)) : double(bits);
    }
    case DType::Int32:
        return double(readStored<qint32>(p, m_bigEndian));
    case DType::Int64:
        return double(readStored<qint64>(p, m_bigEndian));
    case DType::Float16:
        return double(halfToFloat(readStored<quint16>(p, m_bigEndian)));
    case DType::Float32: {
        const auto bits = readStored<quint32>(p, m_bigEndian);
        float f;
        std::memcpy(&f, &bits, sizeof f);
        return double(f);
    }
    case DType::Float64: {
        const auto bits = readStored<quint64>(p, m_bigEndian);
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
    }
    return 0.0;
}

qint64 NpyArray::storageIndexOf(qint64 cIndex) const
{
    if (!m_fortranOrder || m_shape.size() < 2)
        return cIndex;
    qint64 storage = 0;
    qint64 stride = 1;
    // Peel C-order digits from the last axis; Fortran strides grow from the first axis.
    QList<qint64> digits(m_shape.size());
    qint64 rest = cIndex;
    for (qsizetype k = m_shape.size() - 1; k >= 0; --k) {
        digits[k] = rest % m_shape[k];
        rest /= m_shape[k];
    }
    for (qsizetype k = 0; k < m_shape.size(); ++k) {
        storage += digits[k] * stride;
        stride *= m_shape[k];
    }
    return storage;
}

double NpyArray::valueAt(qint64 cIndex, Interpretation how) const
{
    return storedValue(storageIndexOf(cIndex), how);
}

const float *NpyArray::float32Data() const
{
    const bool cOrder = !m_fortranOrder || m_shape.size() < 2;
    const char *p = m_bytes.constData() + m_offset;
    // The .npy header pads data to 64 bytes, so the pointer is float-aligned in practice.
    if (!cOrder || m_dtype != DType::Float32 || m_bigEndian
        || reinterpret_cast<quintptr>(p) % alignof(float) != 0) {
        return nullptr;
    }
    return reinterpret_cast<const float *>(p);
}

std::vector<float> NpyArray::toFloat(Interpretation how) const
{
    const qint64 n = elementCount();
    std::vector<float> out(static_cast<std::size_t>(n));
    if (n == 0)
        return out;
    const bool cOrder = !m_fortranOrder || m_shape.size() < 2;
    if (cOrder && m_dtype == DType::Float32 && !m_bigEndian) {
        std::memcpy(out.data(), (m_bytes.constData() + m_offset), size_t(n) * sizeof(float));
        return out;
    }
    if (cOrder) {
        const char *p = (m_bytes.constData() + m_offset);
        switch (m_dtype) {
        case DType::Int8:
            for (qint64 i = 0; i < n; ++i)
                out[i] = float(qint8(p[i]));
            return out;
        case DType::UInt8:
            for (qint64 i = 0; i < n; ++i)
                out[i] = float(quint8(p[i]));
            return out;
        case DType::UInt16:
            if (how == Interpretation::Bf16 && !m_bigEndian) {
                for (qint64 i = 0; i < n; ++i)
                    out[i] = bf16ToFloat(qFromLittleEndian<quint16>(p + 2 * i));
                return out;
            }
            break;
        default:
            break;
        }
        for (qint64 i = 0; i < n; ++i)
            out[i] = float(storedValue(i, how));
        return out;
    }
    // Fortran order: walk C-order multi-indices and keep the storage offset in step.
    const qsizetype rank = m_shape.size();
    QList<qint64> fStride(rank);
    qint64 s = 1;
    for (qsizetype k = 0; k < rank; ++k) {
        fStride[k] = s;
        s *= m_shape[k];
    }
    QList<qint64> idx(rank, 0);
    qint64 storage = 0;
    for (qint64 i = 0; i < n; ++i) {
        out[i] = float(storedValue(storage, how));
        for (qsizetype k = rank - 1; k >= 0; --k) {
            ++idx[k];
            storage += fStride[k];
            if (idx[k] < m_shape[k])
                break;
            storage -= fStride[k] * idx[k];
            idx[k] = 0;
        }
    }
    return out;
}

} // namespace Mcw::Core
