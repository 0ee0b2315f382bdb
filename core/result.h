// SPDX-FileCopyrightText: 2026 MaixCAM Model Workbench authors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace Mcw::Core {

/**
 * Why an operation failed. `message` is one plain sentence for the user that names the file
 * (or object) and the problem; `details` may hold longer diagnostic text.
 */
struct Error
{
    enum class Code {
        Generic,
        NotFound,
        InvalidInput,
        Unsupported,
        Io,
        Cancelled,
        Timeout,
    };

    Code code = Code::Generic;
    QString message;
    QString details;

    static Error make(Code code, QString message, QString details = {})
    {
        return Error{code, std::move(message), std::move(details)};
    }
};

/** Tag type to construct an Expected holding an error, like std::unexpected. */
class Unexpected
{
public:
    explicit Unexpected(Error error)
        : m_error(std::move(error))
    {}
    Error &error() { return m_error; }

private:
    Error m_error;
};

inline Unexpected makeError(Error::Code code, QString message, QString details = {})
{
    return Unexpected(Error{code, std::move(message), std::move(details)});
}

inline Unexpected makeError(QString message, QString details = {})
{
    return Unexpected(Error{Error::Code::Generic, std::move(message), std::move(details)});
}

/**
 * A value or an Error, shaped like std::expected (C++23) so a later switch is mechanical.
 * Debian 12 ships no tl-expected, and exceptions must never cross a Qt slot.
 */
template<typename T>
class Expected
{
public:
    Expected(const T &value)
        : m_data(std::in_place_index<0>, value)
    {}
    Expected(T &&value)
        : m_data(std::in_place_index<0>, std::move(value))
    {}
    Expected(Unexpected unexpected)
        : m_data(std::in_place_index<1>, std::move(unexpected.error()))
    {}

    bool has_value() const { return m_data.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T &value() & { return std::get<0>(m_data); }
    const T &value() const & { return std::get<0>(m_data); }
    T &&value() && { return std::get<0>(std::move(m_data)); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

    const Error &error() const { return std::get<1>(m_data); }

    T value_or(T fallback) const { return has_value() ? value() : std::move(fallback); }

private:
    std::variant<T, Error> m_data;
};

/** Expected<void>: success carries no value. */
template<>
class Expected<void>
{
public:
    Expected() = default;
    Expected(Unexpected unexpected)
        : m_error(std::move(unexpected.error()))
        , m_failed(true)
    {}

    bool has_value() const { return !m_failed; }
    explicit operator bool() const { return has_value(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace Mcw::Core
