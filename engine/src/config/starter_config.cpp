// The starter .policycheck.yaml that `policycheck init` writes: every
// setting present, explained, and set to what the built-in policy does
// anyway, so the file changes nothing until someone edits it.
#include "policycheck/config.hpp"

namespace policycheck {

std::string starter_config() {
  return R"(# policycheck configuration. policycheck uses the nearest .policycheck.yaml
# found in the folder of each file it screens or any folder above it.
# Command-line options (--fail-on, --policy, --var, --roster) win over it.

# The built-in packs: true (all of them), false (only the packs below), or a
# list of the ones to keep, e.g. [personal-data, disclaimer].
builtin: true

# Your own rule packs, relative to this file.
packs: []

# Values the rules use. Fill these in so the school's own public details are
# not flagged and posts that name the school are recognised.
variables:
  school_names: []            # e.g. ["St Jude's Primary", "St Jude's"]
  school_hashtags: []         # e.g. ["#StJudesPrimary"]
  official_email_domains: []  # e.g. [stjudes.example.sch.uk]
  official_phone_numbers: []  # e.g. ["01632 960000"]
  official_postcodes: []      # the school's own postcode
  staff_names: []             # staff who may be named in posts, e.g. ["Mrs Patel"]

# The pupil roster (CSV) for the names rules. Keep it out of the repository:
# it is personal data. Relative paths are relative to this file.
# roster: ../private/roster.csv

# Turn rules (or whole packs) off, or change their severity:
# off | on | error | warning | info
rules: {}
  # personal-data/postcode: warning
  # abuse: off

# Different settings for some paths (globs relative to this file; '**'
# crosses folders, a glob without '/' matches a file name anywhere).
overrides: []
  # - files: ["archive/**"]
  #   rules:
  #     disclaimer: off

# Paths not to screen at all.
ignore: []
  # - "drafts/old/**"
  # - "*.bak"

# Exit with status 1 when a finding is at or above this severity:
# error | warning | info | never.
fail_on: error
)";
}

}  // namespace policycheck
