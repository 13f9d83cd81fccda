// Links to one person's social-media profile. A link to a post, group, event
// or help page does not say how to contact someone privately; a profile does.
#include <array>
#include <string>

#include "policycheck/validators.hpp"
#include "../ascii_case.hpp"

namespace policycheck {
namespace {

// First path segments that are site sections, not user names, on the
// networks the rules look for.
constexpr std::array<std::string_view, 32> kSitePaths = {
    "groups", "events", "pages",   "watch",   "hashtag", "share",  "sharer",  "sharer.php", "p",      "reel",
    "reels",  "explore", "stories", "login",   "help",    "policies", "about", "search",     "marketplace",
    "photo.php", "media", "tv",     "intent",  "home",    "i",      "settings", "legal",     "privacy",
    "terms",  "business", "ads",   "gaming"};

}  // namespace

bool social_profile_url(std::string_view text) {
  std::string url = ascii_lowercase(text);
  if (const size_t scheme = url.find("://"); scheme != std::string::npos) url.erase(0, scheme + 3);
  const size_t slash = url.find('/');
  if (slash == std::string::npos) return false;
  std::string_view path = std::string_view(url).substr(slash + 1);
  // snapchat.com/add/<user> and tiktok.com/@<user> put the name one step in.
  if (path.rfind("add/", 0) == 0) path.remove_prefix(4);
  const size_t end = path.find_first_of("/?#");
  std::string_view first = path.substr(0, end);
  if (!first.empty() && first.front() == '@') first.remove_prefix(1);
  if (first.empty()) return false;
  // profile.php?id=... is a Facebook profile by number.
  if (first == "profile.php") return path.find("id=") != std::string_view::npos;
  for (std::string_view section : kSitePaths) {
    if (first == section) return false;
  }
  return true;
}

}  // namespace policycheck
