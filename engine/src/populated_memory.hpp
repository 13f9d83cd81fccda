#pragma once
// One block of fresh memory with its pages mapped up front (MAP_POPULATE),
// for the databases a start from the cache deserialises (db_cache.cpp):
// Hyperscan zero-fills and then copies ~6 MB into them, and taking those
// ~1,100 pages in one call instead of one fault at a time saved ~1 ms of a
// ~22 ms start (benchmarks/README.md, "Start from the cache").
#include <cstddef>
#include <memory>

namespace policycheck {

// Null when the memory cannot be had; unmapped when the last owner goes.
std::shared_ptr<char> populated_memory(size_t bytes);

}  // namespace policycheck
