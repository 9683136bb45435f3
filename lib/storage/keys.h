#ifndef RAPPORTEUR_LIB_STORAGE_KEYS_H_
#define RAPPORTEUR_LIB_STORAGE_KEYS_H_

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
//   postings    {term} \0 {first id:be32} a block of postings
//   (index/posting_block.h) paragraph_ids {id:be32}              ParagraphEntry
//   (index/paragraph_table.h) terms       {term}                   live
//   document frequency of the
//                                        flushed paragraphs (counter_merge.h)
//   pending_terms {id:be32}              ParagraphTerms of a paragraph whose
//                                        postings are not yet in blocks
//   meta        next_id                  next paragraph id to give, be32
//               terms/{doc}              the doc's terms and paragraph counts
//               number/{doc} \0 {n:be32} ordinal of paragraph number n, be32
//               revision/{doc}           last revision given, be64
//               request/{request id}     {doc} \0 revision:be64 replaced:be64
//               refused/{request id}     {code:be32} {message}: a log entry
//                                        the shard refused (replicated)
//               applied_sequence         last log sequence applied, be64
//               log_id                   the log applied (its stream's name
//                                        and creation time)
//   history     {doc} \0 {revision:be64} Document with paragraphs
//   records     {kind} {doc} \0 {n:be32}   Record (see records.h)
//   cases       {case}                   StoredCase (case_rows.h), sealed
//   case_audit  {micros:16 hex}{random:16 hex}  StoredAuditEntry
std::string ParagraphKey(absl::string_view doc_id, uint32_t ordinal);
std::string DocPrefix(absl::string_view doc_id);  // "{doc}\0"
std::string BlockKey(absl::string_view term, uint32_t first_id);
std::string ParagraphIdKey(uint32_t id);
std::string TermPrefix(absl::string_view term);  // "{term}\0"
std::string HistoryKey(absl::string_view doc_id, uint64_t revision);
std::string DocTermsKey(absl::string_view doc_id);
std::string RevisionKey(absl::string_view doc_id);
std::string ParagraphNumberPrefix(
    absl::string_view doc_id);  // "number/{doc}\0"
std::string ParagraphNumberKey(absl::string_view doc_id, uint32_t number);
std::string RequestKey(absl::string_view request_id);
std::string RefusedRequestKey(absl::string_view request_id);
inline constexpr char kAppliedSequenceKey[] = "applied_sequence";
inline constexpr char kLogIdKey[] = "log_id";
inline constexpr char kNextIdKey[] = "next_id";
// First paragraph id whose postings are not in blocks yet, be32.
inline constexpr char kFlushedIdKey[] = "flushed_id";
// StoreFormat (internal/v1/stored.proto): the directory's format version.
inline constexpr char kFormatKey[] = "format";

// The first key after every key starting with `prefix`, for
// iterate_upper_bound. REQUIRES: prefix ends in a byte below 0xff.
std::string PrefixEnd(absl::string_view prefix);

void PutBigEndian64(std::string* out, uint64_t value);
uint64_t GetBigEndian64(absl::string_view in);  // REQUIRES: in.size() >= 8
void PutBigEndian32(std::string* out, uint32_t value);
uint32_t GetBigEndian32(absl::string_view in);  // REQUIRES: in.size() >= 4

}  // namespace rapporteur::storage

#endif  // RAPPORTEUR_LIB_STORAGE_KEYS_H_
