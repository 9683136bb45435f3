#include "tools/cli/input.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace rapporteur::cli {

absl::StatusOr<std::string> ReadInput(const std::string& path) {
  std::stringstream content;
  if (path == kStdin) {
    content << std::cin.rdbuf();
    if (std::cin.bad()) {
      return absl::NotFoundError("cannot read standard input");
    }
    return content.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::NotFoundError(absl::StrCat("cannot read ", path));
  }
  content << in.rdbuf();
  return content.str();
}

}  // namespace rapporteur::cli
