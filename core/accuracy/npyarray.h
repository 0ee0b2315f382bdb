// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <core/result.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

namespace Mcw::Core {

/**
 * One array of a NumPy .npy file (format versions 1, 2 and 3): element type, shape, storage
 * order and the raw element bytes as stored. Values are read in C (row-major) order whatever
 * the storage order, converted to float. bf16 has no NumPy dtype; tpu-mlir stores it as
 * uint16, so the caller says when a uint16 array is really bf16.
 */
class NpyArray
{
public:
    enum class DType { Bool, Int8, UInt8, Int16, UInt16, Int32, Int64, Float16, Float32, Float64 };
    /** How the stored bits are to be read as numbers. */
    enum class Interpretation { Native, Bf16 };

    NpyArray() = default;

    /** Parses a whole .npy file; \a source names it in error messages (file or npz entry). */
    static Expected<NpyArray> parse(const QByteArray &bytes, const QString &source);

    DType dtype() const { return m_dtype; }
    /** The NumPy descr string as stored, e.g. "<f4". */
    QString descr() const { return m_descr; }
    /** NumPy's dtype name: "float32", "int8", "bool"… ("bfloat16" when read as bf16). */
    static QString dtypeName(DType dtype);
    QList<qint64> shape() const { return m_shape; }
    bool isFortranOrder() const { return m_fortranOrder; }
    bool isBigEndian() const { return m_bigEndian; }
    int itemSize() const;
    qint64 elementCount() const;
    bool isInteger() const;
    bool isFloatingPoint() const;

    /** The element bytes exactly as stored (storage order and byte order of the file). */
    QByteArray rawData() const { return m_bytes.mid(m_offset, elementCount() * itemSize()); }

    /**
     * The elements as float32 in C order without a copy when they are stored that way
     * (little-endian float32, C order), else nullptr. Valid while this array lives.
     */
    const float *float32Data() const;

    /** Every element in C order as float (bf16 decoded when \a how says so). */
    std::vector<float> toFloat(Interpretation how = Interpretation::Native) const;
    /** Element \a cIndex (C order) as double; slow, for tests and tooltips. */
    double valueAt(qint64 cIndex, Interpretation how = Interpretation::Native) const;

    /** "(1, 3, 640, 640)" like Python's tuple repr. */
    static QString shapeString(const QList<qint64> &shape);

    /** Decodes one bf16 value (upper 16 bits of a float32). */
    static float bf16ToFloat(quint16 bits);
    /** Decodes one IEEE half value. */
    static float halfToFloat(quint16 bits);

private:
    double storedValue(qint64 storageIndex, Interpretation how) const;
    qint64 storageIndexOf(qint64 cIndex) const;

    DType m_dtype = DType::Float32;
    QString m_descr;
    QList<qint64> m_shape;
    bool m_fortranOrder = false;
    bool m_bigEndian = false;
    QByteArray m_bytes;  // the whole .npy file, shared (implicitly) rather than copied
    qint64 m_offset = 0; // where the element data starts in m_bytes
};

} // namespace Mcw::Core
