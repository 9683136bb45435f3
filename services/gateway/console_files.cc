#include "services/gateway/console_files.h"

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/base/fingerprint.h"
#include "rapporteur_console_files.h"

namespace rapporteur::gateway {
namespace {

struct ConsoleFile {
  std::string_view bytes;
  std::string content_type;
  std::string etag;
};

std::string ContentTypeOf(absl::string_view name) {
  if (absl::EndsWith(name, ".html")) return "text/html; charset=utf-8";
  if (absl::EndsWith(name, ".js") || absl::EndsWith(name, ".mjs")) {
    return "text/javascript; charset=utf-8";
  }
  if (absl::EndsWith(name, ".css")) return "text/css; charset=utf-8";
  if (absl::EndsWith(name, ".svg")) return "image/svg+xml";
  if (absl::EndsWith(name, ".png")) return "image/png";
  if (absl::EndsWith(name, ".json")) return "application/json";
  if (absl::EndsWith(name, ".ico")) return "image/x-icon";
  return "application/octet-stream";
}

const absl::flat_hash_map<std::string, ConsoleFile>& Files() {
  static const auto* files = [] {
    auto* map = new absl::flat_hash_map<std::string, ConsoleFile>();
    for (const console::EmbeddedFile& file : console::Files()) {
      (*map)[std::string(file.name)] = ConsoleFile{
          file.bytes,
          ContentTypeOf(absl::string_view(file.name.data(), file.name.size())),
          absl::StrCat("\"",
                       Fingerprint(absl::string_view(file.bytes.data(),
                                                     file.bytes.size())),
                       "\"")};
    }
    return map;
  }();
  return *files;
}

}  // namespace

bool ServeConsoleFile(const httplib::Request& request,
                      httplib::Response& response) {
  absl::string_view name = request.path;
  absl::ConsumePrefix(&name, "/");
  if (name.empty()) name = "index.html";
  const auto found = Files().find(name);
  if (found == Files().end()) return false;
  const ConsoleFile& file = found->second;
  response.set_header("ETag", file.etag);
  response.set_header("Cache-Control", "no-cache");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header(
      "Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self' "
      "'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
  if (request.get_header_value("If-None-Match") == file.etag) {
    response.status = 304;
    return true;
  }
  response.set_content(file.bytes.data(), file.bytes.size(), file.content_type);
  return true;
}

}  // namespace rapporteur::gateway
