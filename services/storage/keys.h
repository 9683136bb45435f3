#ifndef RAPPORTEUR_SERVICES_STORAGE_KEYS_H_
#define RAPPORTEUR_SERVICES_STORAGE_KEYS_H_

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

namespace rapporteur::storage {

// Key layout, per column family. Document ids never hold '\0' (see
// IsValidDocumentId), so '\0' separates the parts, and big-endian numbers
// keep RocksDB's byte order equal to numeric order.
//
//   documents   {doc}                    Document without paragraphs
//   paragraphs  {doc} \0 {ordinal:be32}  Paragraph
//   postings    {term} \0 {doc}          EncodePostings(...) of the doc
//   meta        stats                    paragraphs:be64 tokens:be64
//               terms/{doc}              distinct terms of the doc, \0-joined
//               revision/{doc}           last revision given, be64
//               request/{request id}     {doc} \0 revision:be64 replaced:be64
//   history     {doc} \0 {revision:be64} Document with paragraphs
//   records     {kind} {doc} \0 {n:be32}   Record (see records.h)
std::string ParagraphKey(absl::string_view doc_id, uint32_t ordinal);
std::string DocPrefix(absl::string_view doc_id);  // "{doc}\0"
std::string PostingKey(absl::string_view term, absl::string_view doc_id);
std::string TermPrefix(absl::string_view term);  // "{term}\0"
std::string HistoryKey(absl::string_view doc_id, uint64_t revision);
std::string DocTermsKey(absl::string_view doc_id);
std::string RevisionKey(absl::string_view doc_id);
std::string RequestKey(absl::string_view request_id);
inline constexpr char kStatsKey[] = "stats";

// The first key after every key starting with `prefix`, for
// iterate_upper_bound. REQUIRES: prefix ends in a byte below 0xff.
std::string PrefixEnd(absl::string_view prefix);

void PutBigEndian64(std::string* out, uint64_t value);
uint64_t GetBigEndian64(absl::string_view in);  // REQUIRES: in.size() >= 8

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_SERVICES_STORAGE_KEYS_H_
