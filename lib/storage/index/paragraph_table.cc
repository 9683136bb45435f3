#include "lib/storage/index/paragraph_table.h"

#include <algorithm>
#include <cmath>

#include "absl/base/casts.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "lib/storage/varint.h"

namespace rapporteur::storage::index {
namespace {

void PutString(std::string* out, absl::string_view s) {
  PutVarint(out, s.size());
  out->append(s.data(), s.size());
}

bool GetString(absl::string_view* in, std::string* s) {
  uint64_t size = 0;
  if (!GetVarint(in, &size) || size > in->size()) {
    return false;
  }
  s->assign(in->data(), size);
  in->remove_prefix(size);
  return true;
}

bool GetUint32(absl::string_view* in, uint32_t* value) {
  uint64_t wide = 0;
  if (!GetVarint(in, &wide) || wide > 0xffffffffu) {
    return false;
  }
  *value = static_cast<uint32_t>(wide);
  return true;
}

}  // namespace

std::string EncodeParagraphEntry(const ParagraphEntry& entry) {
  std::string out;
  PutString(&out, entry.doc_id);
  PutVarint(&out, entry.ordinal);
  PutVarint(&out, entry.length);
  // Thousandths: boosts are a handful of documented constants.
  PutVarint(&out, static_cast<uint64_t>(std::lround(entry.boost * 1000.0f)));
  PutVarint(&out, entry.attributes.size());
  for (const std::string& attribute : entry.attributes) {
    PutString(&out, attribute);
  }
  return out;
}

absl::StatusOr<ParagraphEntry> DecodeParagraphEntry(absl::string_view value) {
  ParagraphEntry entry;
  uint32_t boost = 0;
  uint32_t count = 0;
  if (!GetString(&value, &entry.doc_id) || !GetUint32(&value, &entry.ordinal) ||
      !GetUint32(&value, &entry.length) || !GetUint32(&value, &boost) ||
      !GetUint32(&value, &count) || count > value.size()) {
    return absl::DataLossError("malformed paragraph id row");
  }
  entry.boost = static_cast<float>(boost) / 1000.0f;
  entry.attributes.resize(count);
  for (std::string& attribute : entry.attributes) {
    if (!GetString(&value, &attribute)) {
      return absl::DataLossError("malformed paragraph id row");
    }
  }
  return entry;
}

void ParagraphTable::Add(ParagraphId id, const ParagraphEntry& entry) {
  auto [doc, inserted] = doc_index_.try_emplace(
      entry.doc_id, static_cast<uint32_t>(doc_ids_.size()));
  if (inserted) {
    doc_ids_.push_back(entry.doc_id);
  }
  rows_.resize(id + 1);
  rows_[id] = Row{doc->second, entry.ordinal, entry.length, entry.boost};
  norm_codes_.resize(id + 1, 0);
  const uint64_t pair =
      uint64_t{entry.length} << 32 | absl::bit_cast<uint32_t>(entry.boost);
  auto norm = norm_index_.find(pair);
  if (norm != norm_index_.end()) {
    norm_codes_[id] = norm->second;
  } else if (norms_.size() < kRowNorm) {
    const uint16_t code = static_cast<uint16_t>(norms_.size());
    norms_.push_back(Norm{entry.length, entry.boost});
    norm_index_.emplace(pair, code);
    norm_codes_[id] = code;
  } else {
    norm_codes_[id] = kRowNorm;
  }
  next_id_ = id + 1;
  if (live_.addChecked(id)) {
    ++live_count_;
  }
  live_tokens_ += entry.length;
  max_boost_ = std::max(max_boost_, entry.boost);
  auto [range, fresh] = doc_ids_range_.try_emplace(entry.doc_id, id, 0);
  if (!fresh && range->second.first + range->second.second != id) {
    range->second = {id, 0};  // a new revision: a new range
  }
  ++range->second.second;
  for (const std::string& attribute : entry.attributes) {
    attributes_[attribute].add(id);
  }
}

std::vector<ParagraphId> ParagraphTable::RemoveDocument(
    absl::string_view doc_id) {
  std::vector<ParagraphId> removed;
  auto range = doc_ids_range_.find(doc_id);
  if (range == doc_ids_range_.end()) {
    return removed;
  }
  const auto [first, count] = range->second;
  for (ParagraphId id = first; id < first + count; ++id) {
    if (live_.removeChecked(id)) {
      --live_count_;
      live_tokens_ -= std::min<uint64_t>(live_tokens_, rows_[id].length);
      removed.push_back(id);
    }
  }
  doc_ids_range_.erase(range);
  return removed;
}

void ParagraphTable::AddFrequency(absl::string_view term, int64_t delta) {
  auto it = frequencies_.find(term);
  if (it == frequencies_.end()) {
    if (delta > 0) {
      frequencies_.emplace(std::string(term), static_cast<uint64_t>(delta));
    }
    return;
  }
  const int64_t value = static_cast<int64_t>(it->second) + delta;
  if (value <= 0) {
    frequencies_.erase(it);
  } else {
    it->second = static_cast<uint64_t>(value);
  }
}

const Bitmap* ParagraphTable::Attribute(absl::string_view key) const {
  auto it = attributes_.find(key);
  return it == attributes_.end() ? nullptr : &it->second;
}

std::vector<std::pair<std::string, const Bitmap*>> ParagraphTable::Values(
    absl::string_view field) const {
  const std::string prefix = AttributeKey(field, "");
  std::vector<std::pair<std::string, const Bitmap*>> values;
  for (const auto& [key, bitmap] : attributes_) {
    if (absl::StartsWith(key, prefix)) {
      values.emplace_back(key.substr(prefix.size()), &bitmap);
    }
  }
  return values;
}

uint64_t ParagraphTable::Frequency(absl::string_view term) const {
  auto it = frequencies_.find(term);
  return it == frequencies_.end() ? 0 : it->second;
}

}  // namespace rapporteur::storage::index
