#include "roster_columns.hpp"

#include <algorithm>

namespace policycheck::roster_detail {
namespace {

// Lower case, with '_', '-', '.' and runs of spaces turned into one space,
// and a trailing "(s)" dropped: "Middle_Name(s)" -> "middle name".
std::string normalise_header(std::string_view cell) {
  std::string out;
  for (char c : cell) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c == '_' || c == '-' || c == '.' || c == '\t') c = ' ';
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.size() > 3 && out.compare(out.size() - 3, 3, "(s)") == 0) out.resize(out.size() - 3);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

struct Alias {
  std::string_view header;
  Column column;
};

constexpr Alias kAliases[] = {
    {"forename", Column::forename},
    {"first name", Column::forename},
    {"firstname", Column::forename},
    {"legal forename", Column::forename},
    {"legal first name", Column::forename},
    {"given name", Column::forename},
    {"preferred forename", Column::preferred},
    {"preferred first name", Column::preferred},
    {"preferred name", Column::preferred},
    {"known as", Column::preferred},
    {"middle name", Column::middle},
    {"middle names", Column::middle},
    {"middlename", Column::middle},
    {"surname", Column::surname},
    {"last name", Column::surname},
    {"lastname", Column::surname},
    {"legal surname", Column::surname},
    {"legal last name", Column::surname},
    {"family name", Column::surname},
    {"year", Column::year},
    {"year group", Column::year},
    {"yeargroup", Column::year},
    {"class", Column::form},
    {"form", Column::form},
    {"form group", Column::form},
    {"reg group", Column::form},
    {"registration group", Column::form},
    {"tutor group", Column::form},
    {"consent", Column::consent},
    {"photo consent", Column::consent},
    {"photograph consent", Column::consent},
    {"publish", Column::consent},
    {"publication consent", Column::consent},
    {"media consent", Column::consent},
    {"social media consent", Column::consent},
};

}  // namespace

std::optional<Column> classify_header(std::string_view cell) {
  const std::string name = normalise_header(cell);
  for (const Alias& alias : kAliases) {
    if (alias.header == name) return alias.column;
  }
  return std::nullopt;
}

ColumnMap map_columns(const std::vector<std::string>& header) {
  ColumnMap map;
  for (size_t i = 0; i < header.size(); ++i) {
    const auto column = classify_header(header[i]);
    if (!column) continue;
    // The first column of a role wins ("Forename" before "Legal Forename").
    auto take = [&](std::optional<size_t>& slot) {
      if (!slot) slot = i;
    };
    switch (*column) {
      case Column::forename: take(map.forename); break;
      case Column::preferred: take(map.preferred); break;
      case Column::middle: take(map.middle); break;
      case Column::surname: take(map.surname); break;
      case Column::year: take(map.year); break;
      case Column::form: take(map.form); break;
      case Column::consent: map.consent.push_back(i); break;
    }
  }
  return map;
}

std::string accepted_headers(Column column) {
  std::string list;
  for (const Alias& alias : kAliases) {
    if (alias.column != column) continue;
    if (!list.empty()) list += ", ";
    list += alias.header;
  }
  return list;
}

}  // namespace policycheck::roster_detail
