#include "lib/base/request_id.h"

#include <random>
#include <utility>

#include "absl/strings/str_format.h"

namespace rapporteur {
namespace {

std::string& Current() {
  thread_local std::string id;
  return id;
}

}  // namespace

absl::string_view CurrentRequestId() { return Current(); }

std::string NewRequestId() {
  thread_local std::mt19937_64 engine(std::random_device{}());
  const uint64_t high = engine();
  return absl::StrFormat("%016x%016x", high, engine());
}

ScopedRequestId::ScopedRequestId(std::string id)
    : previous_(std::exchange(Current(), std::move(id))) {}

ScopedRequestId::~ScopedRequestId() { Current() = std::move(previous_); }

}  // namespace rapporteur
