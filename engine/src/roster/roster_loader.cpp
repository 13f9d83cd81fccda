// Reads a roster CSV into pupils. Every message names the file, the row and
// the line, never a cell's content: the roster is personal data, and error
// output ends up in CI logs and support emails.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../utf8.hpp"
#include "csv_reader.hpp"
#include "policycheck/roster.hpp"
#include "roster_columns.hpp"

namespace policycheck {
namespace {

using roster_detail::Column;

constexpr size_t kMaxIssues = 20;  // enough to fix a file in one go, not a flood
// The largest school trusts have some 60,000 pupils; every pupil becomes a
// set of name patterns, and a million would take many minutes and gigabytes
// to compile. Refused at once instead, before any of that work.
constexpr size_t kMaxPupils = 100'000;

std::string issues_text(const std::string& source, const std::vector<RosterIssue>& issues) {
  std::string text;
  for (const RosterIssue& issue : issues) {
    if (!text.empty()) text += '\n';
    text += source;
    if (issue.line > 0) text += ':' + std::to_string(issue.line);
    text += ": ";
    if (issue.row > 0) text += "row " + std::to_string(issue.row) + ": ";
    text += issue.message;
  }
  return text;
}

// Windows-1252, as Excel on Windows saves "CSV": bytes 0xA0-0xFF are the
// Latin-1 code points, 0x80-0x9F a table of typographic characters.
std::string windows1252_to_utf8(std::string_view bytes) {
  static constexpr char32_t k80[32] = {0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                       0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
                                       0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                       0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char b : bytes) {
    char32_t cp = b < 0x80 ? b : b < 0xA0 ? k80[b - 0x80] : b;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

std::string trim(std::string_view text) {
  size_t begin = 0, end = text.size();
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (begin < end && space(text[begin])) ++begin;
  while (end > begin && space(text[end - 1])) --end;
  // A non-breaking space (U+00A0) pasted from a web page pads cells too.
  while (end - begin >= 2 && text.substr(begin, 2) == "\xC2\xA0") begin += 2;
  while (end - begin >= 2 && text.substr(end - 2, 2) == "\xC2\xA0") end -= 2;
  return std::string(text.substr(begin, end - begin));
}

bool has_letter(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, i, &len);
    if (utf8::is_word(cp) && !(cp >= '0' && cp <= '9') && cp != '_') return true;
    i += len;
  }
  return false;
}

// A name may hold letters, marks, spaces, apostrophes, hyphens and dots
// (initials); digits or other symbols mean a column was mis-mapped.
bool plausible_name(std::string_view text) {
  if (!has_letter(text)) return false;
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    const char32_t cp = utf8::decode_at(text, i, &len);
    i += len;
    if (cp >= '0' && cp <= '9') return false;
    if (cp < 0x80 && !utf8::is_word(cp) && cp != ' ' && cp != '\'' && cp != '-' && cp != '.' && cp != '`') {
      return false;
    }
  }
  return true;
}

enum class ConsentValue { yes, no, invalid };

ConsentValue parse_consent(std::string_view cell) {
  std::string value;
  for (char c : cell) value += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  if (value == "yes" || value == "y" || value == "true" || value == "1") return ConsentValue::yes;
  // Blank counts as no: consent to publish has to be given, not assumed.
  if (value.empty() || value == "no" || value == "n" || value == "false" || value == "0") return ConsentValue::no;
  return ConsentValue::invalid;
}

std::vector<std::string> split_middle_names(std::string_view cell) {
  std::vector<std::string> names;
  std::string current;
  for (char c : cell) {
    if (c == ' ' || c == ',') {
      if (!current.empty()) names.push_back(std::move(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) names.push_back(std::move(current));
  return names;
}

}  // namespace

RosterError::RosterError(std::string source, std::vector<RosterIssue> issues)
    : std::runtime_error(issues_text(source, issues)), source_(std::move(source)), issues_(std::move(issues)) {}

void Roster::append(Roster other) {
  for (Pupil& pupil : other.pupils) pupils.push_back(std::move(pupil));
  for (std::string& source : other.sources) sources.push_back(std::move(source));
  has_consent_column = has_consent_column || other.has_consent_column;
}

Roster parse_roster(std::string_view input, const std::string& source) {
  if (input.substr(0, 3) == "\xEF\xBB\xBF") input.remove_prefix(3);
  std::string transcoded;
  if (!utf8::valid(input)) {
    transcoded = windows1252_to_utf8(input);
    input = transcoded;
  }
  std::vector<RosterIssue> issues;
  auto fail = [&](size_t row, size_t line, std::string message) {
    if (issues.size() < kMaxIssues) issues.push_back({row, line, std::move(message)});
  };

  csv::CsvReader reader(input, csv::guess_delimiter(input));
  csv::CsvRecord header;
  if (!reader.next(header)) {
    if (reader.problem() != csv::CsvProblem::none) {
      throw RosterError(source, {{1, header.line, "the header row has an unterminated quote"}});
    }
    throw RosterError(source, {{0, 0, "the roster is empty (expected a header row with forename and surname)"}});
  }
  const roster_detail::ColumnMap columns = roster_detail::map_columns(header.fields);
  if (!columns.forename) {
    fail(1, header.line, "no forename column (headers accepted: " + roster_detail::accepted_headers(Column::forename) + ")");
  }
  if (!columns.surname) {
    fail(1, header.line, "no surname column (headers accepted: " + roster_detail::accepted_headers(Column::surname) + ")");
  }
  if (!issues.empty()) throw RosterError(source, std::move(issues));

  Roster roster;
  roster.sources.push_back(source);
  roster.has_consent_column = !columns.consent.empty();
  csv::CsvRecord row;
  while (reader.next(row)) {
    const size_t n = row.number, line = row.line;
    if (n > kMaxPupils + 1) {  // the header is row 1
      throw RosterError(source, {{n, line, "the roster has more than " + std::to_string(kMaxPupils) +
                                               " pupils (the limit); split it, e.g. one roster per school"}});
    }
    if (row.fields.size() > header.fields.size()) {
      // A trailing empty cell (a stray delimiter at the end) is harmless.
      bool only_blank_extra = true;
      for (size_t i = header.fields.size(); i < row.fields.size(); ++i) {
        if (!trim(row.fields[i]).empty()) only_blank_extra = false;
      }
      if (!only_blank_extra) {
        fail(n, line, "has " + std::to_string(row.fields.size()) + " fields but the header has " +
                          std::to_string(header.fields.size()) + " (an unquoted comma inside a name?)");
        continue;
      }
    }
    auto cell = [&](const std::optional<size_t>& column) -> std::string {
      return column && *column < row.fields.size() ? trim(row.fields[*column]) : std::string();
    };
    Pupil pupil;
    pupil.forename = cell(columns.forename);
    pupil.surname = cell(columns.surname);
    pupil.preferred = cell(columns.preferred);
    pupil.year = cell(columns.year);
    pupil.form = cell(columns.form);
    bool ok = true;
    auto check_name = [&](const std::string& value, const char* what, bool required) {
      if (value.empty()) {
        if (required) {
          fail(n, line, std::string(what) + " is empty");
          ok = false;
        }
        return;
      }
      if (!plausible_name(value)) {
        fail(n, line, std::string(what) + " is not a name (digits or symbols; is the column mapped right?)");
        ok = false;
      }
    };
    check_name(pupil.forename, "the forename", true);
    check_name(pupil.surname, "the surname", true);
    check_name(pupil.preferred, "the preferred forename", false);
    for (std::string& middle : split_middle_names(cell(columns.middle))) {
      check_name(middle, "a middle name", false);
      pupil.middle_names.push_back(std::move(middle));
    }
    for (size_t column : columns.consent) {
      switch (parse_consent(cell(std::optional<size_t>(column)))) {
        case ConsentValue::yes: break;
        case ConsentValue::no: pupil.publication_consent = false; break;
        case ConsentValue::invalid:
          fail(n, line, "the consent column (" + std::to_string(column + 1) +
                            ") must be yes, no, y, n, true, false, 1, 0 or blank");
          ok = false;
          break;
      }
    }
    if (pupil.preferred == pupil.forename) pupil.preferred.clear();
    if (ok) roster.pupils.push_back(std::move(pupil));
  }
  if (reader.problem() == csv::CsvProblem::unterminated_quote) {
    fail(row.number, row.line, "a quoted field is never closed (a missing '\"')");
  } else if (reader.problem() == csv::CsvProblem::text_after_closing_quote) {
    fail(row.number, row.line, "text after a closing quote (quotes inside a field must be doubled: \"\")");
  }
  if (!issues.empty()) throw RosterError(source, std::move(issues));
  return roster;
}

Roster load_roster(const std::filesystem::path& path) {
  // A roster is a school's (or a trust's) pupils: a few MiB at most. A
  // device or an endless pipe named by mistake must not be read forever.
  constexpr size_t kMaxRosterBytes = 64u << 20;
  std::error_code ec;
  if (std::filesystem::exists(path, ec) && !std::filesystem::is_regular_file(path, ec)) {
    throw RosterError(path.string(), {{0, 0, "not a regular file"}});
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RosterError(path.string(), {{0, 0, "cannot read the roster file"}});
  std::string text;
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > kMaxRosterBytes) {
      throw RosterError(path.string(), {{0, 0, "the roster file is larger than the limit of " +
                                                   std::to_string(kMaxRosterBytes >> 20) + " MiB"}});
    }
  }
  return parse_roster(text, path.string());
}

}  // namespace policycheck
