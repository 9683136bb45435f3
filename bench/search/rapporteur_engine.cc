// Rapporteur embedded: the storage and query libraries in this process, as
// the services run them. Each document of kParagraphsPerDocument paragraphs
// is one durable write (sync_writes, the default), with the terms ingest
// makes (ingest::MakeIndexedWrite); searches go through QueryEngine over a
// LocalShard, in the query language, 10 hits a page, in the default mode
// (plain-language questions) or, with --rapporteur_all_words, strictly.

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "bench/search/engine.h"
#include "lib/ingest/indexed_write.h"
#include "lib/query/query_engine.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "rapporteur/internal/v1/shard.pb.h"
#include "rapporteur/v1/query.pb.h"

namespace rapporteur::bench {
namespace {

constexpr absl::string_view kDocumentPrefix = "documents/b";

// Store::WriteDocument rejects a document with a term longer than this
// (kMaxTermBytes in lib/storage/store.cc). ingest::TermsOf makes such
// terms from scripts written without spaces (the UDHR in Chinese, Thai...:
// a whole sentence is one "word"), so the benchmark drops them, counts them,
// and says so, rather than lose the document.
constexpr size_t kMaxTermBytes = 256;

// Drops from `terms` those too long to store; adds the number dropped to
// *dropped.
void DropUnstorableTerms(internal::v1::ParagraphTerms* terms,
                         int64_t* dropped) {
  auto* list = terms->mutable_terms();
  const int before = list->size();
  list->erase(
      std::remove_if(list->begin(), list->end(),
                     [](const internal::v1::ParagraphTerms::Term& term) {
                       return term.term().size() > kMaxTermBytes;
                     }),
      list->end());
  *dropped += before - list->size();
}

class RapporteurEngine final : public SearchEngine {
 public:
  RapporteurEngine(std::unique_ptr<storage::Store> store, std::string dir,
                   bool all_words)
      : store_(std::move(store)),
        shard_(store_.get()),
        engine_({&shard_}),
        dir_(std::move(dir)),
        all_words_(all_words) {}
  ~RapporteurEngine() override { store_->Close().IgnoreError(); }

  std::string name() const override {
    return all_words_ ? "Rapporteur embedded (all words)"
                      : "Rapporteur embedded";
  }

  absl::Status Index(const std::vector<BenchParagraph>& paragraphs) override {
    int64_t dropped_terms = 0;
    for (size_t begin = 0; begin < paragraphs.size();
         begin += kParagraphsPerDocument) {
      const size_t end =
          std::min(paragraphs.size(), begin + kParagraphsPerDocument);
      const uint32_t document = paragraphs[begin].id / kParagraphsPerDocument;
      v1::Document doc;
      doc.set_name(absl::StrCat(kDocumentPrefix, document));
      doc.set_title(absl::StrCat("Benchmark document ", document));
      doc.set_date(absl::StrCat(paragraphs[begin].year, "-01-01"));
      doc.add_countries(paragraphs[begin].country);
      doc.set_language("en");
      for (size_t i = begin; i < end; ++i) {
        v1::Paragraph* paragraph = doc.add_paragraphs();
        // Numbered from 1 in its document: the hit's number gives the id.
        paragraph->set_number(static_cast<int32_t>(i - begin + 1));
        paragraph->set_text(paragraphs[i].text);
      }
      // Terms, attributes and boosts as ingest computes them.
      internal::v1::WriteDocumentRequest request =
          ingest::MakeIndexedWrite(std::move(doc));
      for (internal::v1::ParagraphTerms& terms :
           *request.mutable_paragraph_terms()) {
        DropUnstorableTerms(&terms, &dropped_terms);
      }
      absl::StatusOr<internal::v1::WriteDocumentResponse> written =
          store_->WriteDocument(request);
      if (!written.ok()) {
        return written.status();
      }
    }
    // Blocks and table files written, as the other engines commit.
    if (absl::Status flushed = store_->Flush(); !flushed.ok()) {
      return flushed;
    }
    if (dropped_terms > 0) {
      std::fprintf(stderr,
                   "search_bench: Rapporteur: dropped %lld terms longer than "
                   "%zu bytes, which Store::WriteDocument rejects\n",
                   static_cast<long long>(dropped_terms), kMaxTermBytes);
    }
    return absl::OkStatus();
  }

  absl::StatusOr<std::vector<uint32_t>> Query(const BenchQuery& query,
                                              int k) override {
    v1::SearchRequest request;
    request.set_query(query.text);
    request.set_page_size(k);
    request.set_all_words(all_words_);
    if (query.any) {
      request.set_default_operator(v1::DEFAULT_OPERATOR_OR);
    }
    absl::StatusOr<v1::SearchResponse> response = engine_.Search(request);
    if (!response.ok()) {
      return response.status();
    }
    return IdsOf(*response);
  }

  uint64_t IndexBytes() const override { return FolderBytes(dir_); }

  // The table files of documents, paragraphs and revisions hold the text.
  std::optional<uint64_t> IndexBytesWithoutText() const override {
    const uint64_t text =
        static_cast<uint64_t>(store_->ReadHealth().stored_text_sst_bytes);
    const uint64_t all = FolderBytes(dir_);
    return all > text ? all - text : 0;
  }

  // Store and QueryEngine serve concurrent calls, as the services do.
  bool ConcurrentQueries() const override { return true; }

 private:
  std::unique_ptr<storage::Store> store_;
  storage::LocalShard shard_;
  query::QueryEngine engine_;
  const std::string dir_;
  const bool all_words_;
};

}  // namespace

absl::StatusOr<std::vector<uint32_t>> IdsOf(
    const v1::SearchResponse& response) {
  std::vector<uint32_t> ids;
  for (const v1::SearchHit& hit : response.hits()) {
    uint32_t document = 0;
    if (!absl::StartsWith(hit.document(), kDocumentPrefix) ||
        !absl::SimpleAtoi(hit.document().substr(kDocumentPrefix.size()),
                          &document) ||
        hit.paragraph_number() < 1) {
      return absl::InternalError(absl::StrCat(
          "hit ", hit.paragraph(), " is not a paragraph of the benchmark"));
    }
    ids.push_back(document * kParagraphsPerDocument +
                  static_cast<uint32_t>(hit.paragraph_number() - 1));
  }
  return ids;
}

absl::StatusOr<std::unique_ptr<SearchEngine>> MakeRapporteurEngine(
    const std::string& dir, bool all_words) {
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(std::filesystem::path(dir).parent_path(),
                                      error);
  storage::StoreConfig config;
  config.path = dir;
  config.sync_writes = true;
  absl::StatusOr<std::unique_ptr<storage::Store>> store =
      storage::Store::Open(config);
  if (!store.ok()) {
    return store.status();
  }
  return std::make_unique<RapporteurEngine>(*std::move(store), dir, all_words);
}

}  // namespace rapporteur::bench
