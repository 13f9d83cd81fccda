#pragma once
// Whether a pattern's matches depend on where the scanned buffer starts or
// ends. Patterns that do not can be looked for in many records joined into
// one buffer (record_blocks.hpp) with exactly the hits each record would give
// alone; a single pattern that does keeps the whole policy on one scan per
// record.
#include <string_view>

namespace policycheck {

// True when `expression` holds an assertion about the buffer's edges or
// about a neighbour character that a separator could change: ^ $ \A \z \Z
// \G \B outside character classes. \b is not among them: joined records are
// separated by '\n', a non-word byte, exactly as the start and end of a
// lone record count as non-word.
bool depends_on_buffer_edges(std::string_view expression);

}  // namespace policycheck
