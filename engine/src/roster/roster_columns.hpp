#pragma once
// Which roster column holds what, recognised from the header row whatever
// the information system calls it ("Legal Forename", "first_name", ...).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck::roster_detail {

enum class Column { forename, preferred, middle, surname, year, form, consent };

// The role of a header cell, or nothing for columns the roster does not use
// (UPN, date of birth, ...: those are never read).
std::optional<Column> classify_header(std::string_view cell);

struct ColumnMap {
  std::optional<size_t> forename, preferred, middle, surname, year, form;
  std::vector<size_t> consent;  // every consent column; any "no" wins
};

ColumnMap map_columns(const std::vector<std::string>& header);

// Human list of the header names accepted for a role, for error messages.
std::string accepted_headers(Column column);

}  // namespace policycheck::roster_detail
