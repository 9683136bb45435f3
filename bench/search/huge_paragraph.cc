#include "bench/search/huge_paragraph.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "lib/ingest/indexed_write.h"
#include "lib/query/query_engine.h"
#include "lib/routing/data_layout.h"
#include "lib/storage/local_shard.h"
#include "lib/storage/store.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/integration/cluster.h"

namespace rapporteur::bench {
namespace {

constexpr int kOrdinaryParagraphs = 200;
constexpr char kOrdinaryWord[] = "zqxsmall";
constexpr char kHugeWord[] = "zqxhuge";
// Store::WriteDocument refuses longer terms (see rapporteur_engine.cc).
constexpr size_t kMaxTermBytes = 256;

double MedianMs(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return ms.empty() ? 0 : ms[ms.size() / 2];
}

// Median milliseconds of `repeat` calls of `search`, after one to warm up;
// an error when a call fails or does not find one hit.
absl::StatusOr<double> TimeSearch(
    const std::function<absl::StatusOr<v1::SearchResponse>()>& search,
    int repeat) {
  std::vector<double> ms;
  for (int i = 0; i <= repeat; ++i) {
    const absl::Time start = absl::Now();
    absl::StatusOr<v1::SearchResponse> response = search();
    const double took = absl::ToDoubleMilliseconds(absl::Now() - start);
    if (!response.ok()) {
      return response.status();
    }
    if (response->hits_size() != 1) {
      return absl::InternalError(
          absl::StrCat("expected one hit, got ", response->hits_size()));
    }
    if (i > 0) {
      ms.push_back(took);
    }
  }
  return MedianMs(std::move(ms));
}

v1::SearchRequest Query(const char* word) {
  v1::SearchRequest request;
  request.set_query(word);
  request.set_page_size(10);
  return request;
}

// The document: ordinary paragraphs, then the huge one.
v1::Document MakeDocument(const std::vector<std::string>& real, int megabytes) {
  v1::Document doc;
  doc.set_name("documents/huge-paragraph");
  doc.set_title("A report with one huge paragraph");
  doc.set_date("2020-01-01");
  doc.set_language("en");
  int number = 0;
  for (int i = 0; i < kOrdinaryParagraphs && i < static_cast<int>(real.size());
       ++i) {
    v1::Paragraph* paragraph = doc.add_paragraphs();
    paragraph->set_number(++number);
    paragraph->set_text(i == kOrdinaryParagraphs / 2
                            ? absl::StrCat(real[i], " ", kOrdinaryWord)
                            : real[i]);
  }
  const size_t bytes = static_cast<size_t>(megabytes) << 20;
  std::string huge;
  bool marked = false;
  for (size_t i = 0; huge.size() < bytes; ++i) {
    absl::StrAppend(&huge, real[i % real.size()], " ");
    if (!marked && huge.size() >= bytes / 2) {
      absl::StrAppend(&huge, kHugeWord, " ");
      marked = true;
    }
  }
  std::replace(huge.begin(), huge.end(), '\n', ' ');  // one line
  v1::Paragraph* paragraph = doc.add_paragraphs();
  paragraph->set_number(++number);
  paragraph->set_text(std::move(huge));
  return doc;
}

}  // namespace

absl::StatusOr<HugeParagraphRow> MeasureHugeParagraph(
    const std::vector<std::string>& real, int megabytes, const std::string& dir,
    int repeat, bool grpc) {
  if (real.empty()) {
    return absl::InvalidArgumentError("no real paragraphs");
  }
  HugeParagraphRow row;
  row.megabytes = megabytes;
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  const std::string data = storage::ShardDataDir(dir);
  std::filesystem::create_directories(std::filesystem::path(data).parent_path(),
                                      error);
  {
    storage::StoreConfig config;
    config.path = data;
    absl::StatusOr<std::unique_ptr<storage::Store>> store =
        storage::Store::Open(config);
    if (!store.ok()) {
      return store.status();
    }
    internal::v1::WriteDocumentRequest write =
        ingest::MakeIndexedWrite(MakeDocument(real, megabytes));
    for (internal::v1::ParagraphTerms& terms :
         *write.mutable_paragraph_terms()) {
      auto* list = terms.mutable_terms();
      list->erase(std::remove_if(list->begin(), list->end(),
                                 [](const auto& term) {
                                   return term.term().size() > kMaxTermBytes;
                                 }),
                  list->end());
    }
    absl::Status written = (*store)->WriteDocument(write).status();
    if (written.ok()) {
      written = (*store)->Flush();
    }
    if (!written.ok()) {
      (*store)->Close().IgnoreError();
      return written;
    }
    storage::LocalShard shard(store->get());
    query::QueryEngine engine({&shard});
    absl::StatusOr<double> ordinary =
        TimeSearch([&] { return engine.Search(Query(kOrdinaryWord)); }, repeat);
    absl::StatusOr<double> huge =
        TimeSearch([&] { return engine.Search(Query(kHugeWord)); }, repeat);
    absl::Status closed = (*store)->Close();
    if (!ordinary.ok()) {
      return ordinary.status();
    }
    if (!huge.ok()) {
      return huge.status();
    }
    if (!closed.ok()) {
      return closed;
    }
    row.ordinary_ms = *ordinary;
    row.huge_ms = *huge;
  }
  if (!grpc) {
    return row;
  }
  testing::Cluster cluster(dir);
  if (absl::Status started = cluster.Start(); !started.ok()) {
    return started;
  }
  // One channel for every call, as a client keeps.
  std::unique_ptr<v1::QueryService::Stub> stub =
      v1::QueryService::NewStub(grpc::CreateChannel(
          cluster.query_address(), grpc::InsecureChannelCredentials()));
  auto search = [&](const char* word) -> absl::StatusOr<v1::SearchResponse> {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
    v1::SearchResponse response;
    const grpc::Status status = stub->Search(&context, Query(word), &response);
    if (!status.ok()) {
      return absl::UnavailableError(status.error_message());
    }
    return response;
  };
  // The first call waits for query to reach its storage.
  const absl::Time deadline = absl::Now() + absl::Seconds(30);
  while (!search(kOrdinaryWord).ok() && absl::Now() < deadline) {
    absl::SleepFor(absl::Milliseconds(100));
  }
  absl::StatusOr<double> ordinary =
      TimeSearch([&] { return search(kOrdinaryWord); }, repeat);
  absl::StatusOr<double> huge =
      TimeSearch([&] { return search(kHugeWord); }, repeat);
  if (!ordinary.ok()) {
    return ordinary.status();
  }
  if (!huge.ok()) {
    return huge.status();
  }
  row.ordinary_grpc_ms = *ordinary;
  row.huge_grpc_ms = *huge;
  return row;
}

std::string FormatHugeParagraph(const HugeParagraphRow& row) {
  std::string out = absl::StrFormat(
      "\n### A paragraph of %d MB on one line\n\n"
      "One-hit searches, median ms: the hit an ordinary paragraph, or the "
      "huge one.\n\n"
      "| | ordinary hit | huge hit | huge / ordinary |\n"
      "|---|---:|---:|---:|\n"
      "| embedded | %.2f | %.2f | %.1f |\n",
      row.megabytes, row.ordinary_ms, row.huge_ms,
      row.ordinary_ms > 0 ? row.huge_ms / row.ordinary_ms : 0);
  if (row.ordinary_grpc_ms.has_value() && row.huge_grpc_ms.has_value()) {
    absl::StrAppendFormat(
        &out, "| gRPC (query + storage) | %.2f | %.2f | %.1f |\n",
        *row.ordinary_grpc_ms, *row.huge_grpc_ms,
        *row.ordinary_grpc_ms > 0 ? *row.huge_grpc_ms / *row.ordinary_grpc_ms
                                  : 0);
  }
  return out;
}

}  // namespace rapporteur::bench
