#pragma once
// The engine version goes into cache keys: bump it whenever the meaning of a
// compiled database or of the pattern widths changes.
namespace policycheck {
inline constexpr const char* kEngineVersion = "0.1.0";
}
