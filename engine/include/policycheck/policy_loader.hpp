#pragma once
// Loads YAML packs into a Policy. Every mistake in a pack (unknown key, wrong
// type, duplicate id, a regex either engine refuses) is reported with
// file:line:column and the rule id before anything is scanned.
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "policycheck/policy.hpp"

namespace policycheck {

struct PolicyIssue {
  SourceLocation location;
  std::string rule_id;  // empty when the problem is not inside a rule
  std::string message;
  std::string to_string() const;  // "file:line:col: rule X: message"
};

class PolicyError : public std::runtime_error {
 public:
  explicit PolicyError(std::vector<PolicyIssue> issues);
  const std::vector<PolicyIssue>& issues() const { return issues_; }

 private:
  std::vector<PolicyIssue> issues_;
};

// A file finish() read besides the packs it was given (a lexicon, a
// roster), with a hash of its bytes taken before they were read: a policy
// kept from an earlier start is good only while each is unchanged.
struct PolicyInputFile {
  std::string path;
  std::string sha256;
};

class PolicyLoader {
 public:
  // Adds the embedded built-in packs.
  void add_builtin();
  // Adds a pack from a file on disk; lexicon files resolve next to it.
  void add_file(const std::filesystem::path& path);
  // Adds a pack from text (tests, fuzzing); `name` is used in messages.
  void add_text(const std::string& name, const std::string& yaml);
  // Sets a variable after all packs (command-line or config overrides).
  void set_variable(const std::string& name, std::vector<std::string> values);
  // Adds a pupil roster (CSV) for names rules; read in finish(). A pack's
  // `roster:` key does the same with a path relative to the pack file.
  void add_roster(const std::filesystem::path& path);

  // Interpolates variables, validates everything and returns the policy.
  // Throws PolicyError listing every problem found.
  Policy finish();

  // A hash of everything the loader was given: each pack's name, text and
  // folder, the variables set and the roster paths. With files_read() it
  // decides whether a cached policy (policy_cache.hpp) is this one.
  std::string inputs_digest() const;
  // Filled in by finish().
  const std::vector<PolicyInputFile>& files_read() const { return files_read_; }

 private:
  struct Impl;
  struct Source {
    std::string name;
    std::string text;
    std::filesystem::path base_dir;  // for lexicon files; empty for embedded
    bool embedded = false;
  };
  std::vector<Source> sources_;
  std::vector<std::pair<std::string, std::vector<std::string>>> overrides_;
  std::vector<std::filesystem::path> roster_files_;
  std::vector<PolicyInputFile> files_read_;
};

}  // namespace policycheck
