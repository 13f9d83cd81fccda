#pragma once
// Fixed-width fields, strings and lists appended to a byte string and read
// back from a view of it: the layout of the database cache's files, which
// are read by the same build that wrote them (the key says so), so native
// byte order and sizes are fine. Every read checks what is left and
// returns false on a short or foreign file instead of reading past it.
#include <bitset>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace policycheck::byte_codec {

template <typename T>
void put(std::string& out, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

template <typename T>
bool get(std::string_view& in, T& value) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (in.size() < sizeof value) return false;
  std::memcpy(&value, in.data(), sizeof value);
  in.remove_prefix(sizeof value);
  return true;
}

inline void put_string(std::string& out, std::string_view text) {
  put<uint64_t>(out, text.size());
  out.append(text);
}

inline bool get_string(std::string_view& in, std::string& text) {
  uint64_t size = 0;
  if (!get(in, size) || size > in.size()) return false;
  text.assign(in.substr(0, size));
  in.remove_prefix(size);
  return true;
}

inline void put_u32s(std::string& out, const std::vector<uint32_t>& values) {
  put<uint64_t>(out, values.size());
  out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(uint32_t));
}

inline bool get_u32s(std::string_view& in, std::vector<uint32_t>& values) {
  uint64_t count = 0;
  if (!get(in, count) || count > in.size() / sizeof(uint32_t)) return false;
  values.resize(count);
  // An empty vector's data() may be null, which memcpy may not be given.
  if (count) std::memcpy(values.data(), in.data(), count * sizeof(uint32_t));
  in.remove_prefix(count * sizeof(uint32_t));
  return true;
}

// A count read from the file, before a list of that many items of at least
// `min_item_bytes` each is sized: a corrupt count must not allocate gigabytes.
inline bool get_count(std::string_view& in, uint64_t& count, size_t min_item_bytes) {
  return get(in, count) && count <= in.size() / (min_item_bytes ? min_item_bytes : 1);
}

template <size_t N>
void put_bits(std::string& out, const std::bitset<N>& bits) {
  for (size_t i = 0; i < N; i += 64) {
    uint64_t word = 0;
    for (size_t b = 0; b < 64 && i + b < N; ++b) word |= uint64_t{bits[i + b]} << b;
    put(out, word);
  }
}

template <size_t N>
bool get_bits(std::string_view& in, std::bitset<N>& bits) {
  for (size_t i = 0; i < N; i += 64) {
    uint64_t word = 0;
    if (!get(in, word)) return false;
    for (size_t b = 0; b < 64 && i + b < N; ++b) bits[i + b] = (word >> b) & 1u;
  }
  return true;
}

}  // namespace policycheck::byte_codec
