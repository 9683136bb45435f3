#include "services/storage/keys.h"

#include "absl/strings/str_cat.h"

namespace rapporteur::storage {

void PutBigEndian64(std::string* out, uint64_t value) {
  for (int shift = 56; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

uint64_t GetBigEndian64(absl::string_view in) {
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  }
  return value;
}

std::string DocPrefix(absl::string_view doc_id) {
  std::string key(doc_id);
  key.push_back('\0');
  return key;
}

std::string ParagraphKey(absl::string_view doc_id, uint32_t ordinal) {
  std::string key = DocPrefix(doc_id);
  for (int shift = 24; shift >= 0; shift -= 8) {
    key.push_back(static_cast<char>((ordinal >> shift) & 0xff));
  }
  return key;
}

std::string TermPrefix(absl::string_view term) {
  std::string key(term);
  key.push_back('\0');
  return key;
}

std::string PostingKey(absl::string_view term, absl::string_view doc_id) {
  return absl::StrCat(TermPrefix(term), doc_id);
}

std::string HistoryKey(absl::string_view doc_id, uint64_t revision) {
  std::string key = DocPrefix(doc_id);
  PutBigEndian64(&key, revision);
  return key;
}

std::string DocTermsKey(absl::string_view doc_id) {
  return absl::StrCat("terms/", doc_id);
}

std::string RevisionKey(absl::string_view doc_id) {
  return absl::StrCat("revision/", doc_id);
}

std::string RequestKey(absl::string_view request_id) {
  return absl::StrCat("request/", request_id);
}

std::string PrefixEnd(absl::string_view prefix) {
  std::string end(prefix);
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

}  // namespace rapporteur::storage
