#pragma once
// A school roster: the pupils whose full names must never be posted, read
// from a CSV exported by a school information system. The roster is personal
// data: nothing here ever puts a pupil's name into an error message, and the
// only place it is written is the private compiled-database cache.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace policycheck {

struct Pupil {
  std::string forename;                   // legal forename
  std::string preferred;                  // "known as"; empty when none
  std::vector<std::string> middle_names;  // from a "middle name(s)" column, split on spaces
  std::string surname;
  std::string year;  // year group as written, e.g. "6" or "Year 6"
  std::string form;  // class / form / registration group
  // False when a consent column says no, or is left blank: consent to
  // publish must be given, never assumed. True when the roster has no
  // consent column at all (nothing to check).
  bool publication_consent = true;
};

struct Roster {
  std::vector<Pupil> pupils;
  std::vector<std::string> sources;  // file names, for messages
  bool has_consent_column = false;

  bool empty() const { return pupils.empty(); }
  // Adds another roster's pupils (several --roster files make one roster).
  void append(Roster other);
};

// A problem in a roster file. `row` is the CSV record number (the header is
// row 1) and `line` the physical line it starts on; the message never quotes
// the row's content.
struct RosterIssue {
  size_t row = 0;
  size_t line = 0;
  std::string message;
};

class RosterError : public std::runtime_error {
 public:
  RosterError(std::string source, std::vector<RosterIssue> issues);
  const std::string& source() const { return source_; }
  const std::vector<RosterIssue>& issues() const { return issues_; }

 private:
  std::string source_;
  std::vector<RosterIssue> issues_;
};

// Parses roster CSV text (RFC 4180: quoted fields, doubled quotes, line breaks
// inside quotes; UTF-8 with or without a BOM, or Windows-1252 as older
// spreadsheet exports write it). `source` names the file in errors.
// Throws RosterError.
Roster parse_roster(std::string_view text, const std::string& source);

// Reads and parses a roster file. Throws RosterError (also when unreadable).
Roster load_roster(const std::filesystem::path& path);

}  // namespace policycheck
