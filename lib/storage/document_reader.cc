#include "lib/storage/document_reader.h"

#include <memory>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "lib/base/error_details.h"
#include "lib/base/status_macros.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/keys.h"
#include "lib/storage/rocks_status.h"

namespace rapporteur::storage {

absl::StatusOr<v1::Document> ReadDocument(const RocksDb& db,
                                          const rocksdb::Snapshot* snapshot,
                                          absl::string_view doc_id,
                                          bool summary_only) {
  rocksdb::ReadOptions read;
  read.snapshot = snapshot;
  std::string value;
  rocksdb::Status s =
      db.db()->Get(read, db.cf(Cf::kDocuments), AsSlice(doc_id), &value);
  if (s.IsNotFound()) {
    return ResourceNotFoundError(
        kDocumentType, DocumentName(doc_id),
        absl::StrCat("document ", DocumentName(doc_id), " not found"),
        "DOCUMENT_NOT_FOUND");
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  v1::Document doc;
  if (!doc.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("malformed document ", doc_id));
  }
  if (summary_only) {
    return doc;
  }
  const std::string prefix = DocPrefix(doc_id);
  const std::string end = PrefixEnd(prefix);
  rocksdb::Slice upper(end);
  read.iterate_upper_bound = &upper;
  std::unique_ptr<rocksdb::Iterator> it(
      db.db()->NewIterator(read, db.cf(Cf::kParagraphs)));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    if (!doc.add_paragraphs()->ParseFromArray(
            it->value().data(), static_cast<int>(it->value().size()))) {
      return absl::DataLossError(
          absl::StrCat("malformed paragraph of ", doc_id));
    }
  }
  ABSL_RETURN_IF_ERROR(FromRocks(it->status()));
  return doc;
}

absl::StatusOr<v1::Document> GetDocument(const RocksDb& db,
                                         absl::string_view doc_id,
                                         bool summary_only) {
  ScopedSnapshot snapshot(db.db());
  return ReadDocument(db, snapshot.get(), doc_id, summary_only);
}

absl::StatusOr<v1::Paragraph> GetParagraph(const RocksDb& db,
                                           absl::string_view doc_id,
                                           absl::string_view paragraph_id) {
  const std::string name = ParagraphName(doc_id, paragraph_id);
  const absl::Status not_found = ResourceNotFoundError(
      kParagraphType, name, absl::StrCat("paragraph ", name, " not found"),
      "PARAGRAPH_NOT_FOUND");
  // Two reads of one snapshot: the number's ordinal, then the row.
  ScopedSnapshot snapshot(db.db());
  rocksdb::ReadOptions read;
  read.snapshot = snapshot.get();
  uint32_t ordinal = 0;
  if (absl::ConsumePrefix(&paragraph_id, "u")) {
    if (!absl::SimpleAtoi(paragraph_id, &ordinal)) {
      return not_found;
    }
  } else {
    uint32_t number = 0;
    if (!absl::SimpleAtoi(paragraph_id, &number)) {
      return not_found;
    }
    std::string value;
    rocksdb::Status s = db.db()->Get(
        read, db.cf(Cf::kMeta), ParagraphNumberKey(doc_id, number), &value);
    if (s.IsNotFound()) {
      return not_found;
    }
    ABSL_RETURN_IF_ERROR(FromRocks(s));
    if (value.size() != 4) {
      return absl::DataLossError(
          absl::StrCat("malformed paragraph number of ", doc_id));
    }
    ordinal = GetBigEndian32(value);
  }
  absl::StatusOr<v1::Paragraph> paragraph =
      ReadParagraph(db, read, doc_id, ordinal);
  if (absl::IsNotFound(paragraph.status())) {
    return not_found;
  }
  return paragraph;
}

absl::StatusOr<v1::Paragraph> ReadParagraph(const RocksDb& db,
                                            const rocksdb::ReadOptions& read,
                                            absl::string_view doc_id,
                                            uint32_t ordinal) {
  std::string row;
  ABSL_RETURN_IF_ERROR(FromRocks(db.db()->Get(
      read, db.cf(Cf::kParagraphs), ParagraphKey(doc_id, ordinal), &row)));
  v1::Paragraph paragraph;
  if (!paragraph.ParseFromString(row)) {
    return absl::DataLossError(absl::StrCat("malformed paragraph of ", doc_id));
  }
  return paragraph;
}

absl::StatusOr<v1::Document> GetRevision(const RocksDb& db,
                                         absl::string_view doc_id,
                                         int64_t revision) {
  std::string value;
  rocksdb::Status s =
      db.db()->Get(rocksdb::ReadOptions(), db.cf(Cf::kHistory),
                   HistoryKey(doc_id, static_cast<uint64_t>(revision)), &value);
  if (s.IsNotFound()) {
    absl::StatusOr<v1::Document> current = GetDocument(db, doc_id, false);
    if (current.ok() && current->revision() == revision) {
      return current;
    }
    return ResourceNotFoundError(
        kDocumentType, DocumentName(doc_id),
        absl::StrCat("revision ", revision, " of ", DocumentName(doc_id),
                     " not found"),
        "REVISION_NOT_FOUND");
  }
  ABSL_RETURN_IF_ERROR(FromRocks(s));
  v1::Document doc;
  if (!doc.ParseFromString(value)) {
    return absl::DataLossError(absl::StrCat("malformed revision of ", doc_id));
  }
  return doc;
}

}  // namespace rapporteur::storage
