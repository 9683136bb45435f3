#include "lib/storage/keys.h"

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
  PutBigEndian32(&key, ordinal);
  return key;
}

std::string TermPrefix(absl::string_view term) {
  std::string key(term);
  key.push_back('\0');
  return key;
}

void PutBigEndian32(std::string* out, uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    out->push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

uint32_t GetBigEndian32(absl::string_view in) {
  uint32_t value = 0;
  for (int i = 0; i < 4; ++i) {
    value = (value << 8) | static_cast<unsigned char>(in[i]);
  }
  return value;
}

std::string BlockKey(absl::string_view term, uint32_t first_id) {
  std::string key = TermPrefix(term);
  PutBigEndian32(&key, first_id);
  return key;
}

std::string ParagraphIdKey(uint32_t id) {
  std::string key;
  PutBigEndian32(&key, id);
  return key;
}

std::string HistoryKey(absl::string_view doc_id, uint64_t revision) {
  std::string key = DocPrefix(doc_id);
  PutBigEndian64(&key, revision);
  return key;
}

std::string DocTermsKey(absl::string_view doc_id) {
  return absl::StrCat("terms/", doc_id);
}

std::string ParagraphNumberPrefix(absl::string_view doc_id) {
  return absl::StrCat("number/", DocPrefix(doc_id));
}

std::string ParagraphNumberKey(absl::string_view doc_id, uint32_t number) {
  std::string key = ParagraphNumberPrefix(doc_id);
  PutBigEndian32(&key, number);
  return key;
}

std::string RevisionKey(absl::string_view doc_id) {
  return absl::StrCat("revision/", doc_id);
}

std::string RequestKey(absl::string_view request_id) {
  return absl::StrCat("request/", request_id);
}

std::string RefusedRequestKey(absl::string_view request_id) {
  return absl::StrCat("refused/", request_id);
}

std::string PrefixEnd(absl::string_view prefix) {
  std::string end(prefix);
  end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
  return end;
}

}  // namespace rapporteur::storage
