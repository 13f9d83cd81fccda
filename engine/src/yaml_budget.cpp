#include "yaml_budget.hpp"

#include <yaml-cpp/yaml.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <vector>

namespace policycheck {

std::optional<std::string> yaml_expansion_problem(const YAML::Node& root) {
  // Depth-first with an explicit stack: nesting depth is bounded by the
  // parser (yaml-cpp refuses documents nested deeper than 2,000 levels) but
  // an explicit stack keeps this walk off the call stack whatever it is.
  std::vector<YAML::Node> stack{root};
  size_t nodes = 0;
  uint64_t scalar_bytes = 0;
  while (!stack.empty()) {
    const YAML::Node node = std::move(stack.back());
    stack.pop_back();
    if (++nodes > YamlLimits::kMaxNodes) {
      return "the document expands to more than " + std::to_string(YamlLimits::kMaxNodes) +
             " nodes (YAML aliases are counted every time they are used)";
    }
    switch (node.Type()) {
      case YAML::NodeType::Scalar:
        scalar_bytes += node.Scalar().size();
        if (scalar_bytes > YamlLimits::kMaxScalarBytes) {
          return "the document expands to more than " + std::to_string(YamlLimits::kMaxScalarBytes >> 20) +
                 " MiB of text (YAML aliases are counted every time they are used)";
        }
        break;
      case YAML::NodeType::Sequence:
        for (const YAML::Node& item : node) stack.push_back(item);
        break;
      case YAML::NodeType::Map:
        for (const auto& item : node) {
          stack.push_back(item.first);
          stack.push_back(item.second);
        }
        break;
      default:
        break;
    }
  }
  return std::nullopt;
}

std::optional<std::string> read_yaml_file(const std::filesystem::path& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::string("cannot read: ") + std::strerror(errno);
  // Read at most one byte past the limit: a FIFO or a growing file is
  // measured by what it holds, not by what stat said.
  text.clear();
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    text.append(buffer, static_cast<size_t>(in.gcount()));
    if (text.size() > YamlLimits::kMaxFileBytes) {
      text.clear();
      return "larger than the limit of " + std::to_string(YamlLimits::kMaxFileBytes >> 20) + " MiB for YAML files";
    }
  }
  if (in.bad()) return std::string("read error: ") + std::strerror(errno);
  return std::nullopt;
}

}  // namespace policycheck
