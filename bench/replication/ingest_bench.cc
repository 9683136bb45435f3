// Replication benchmark: the write path through the ingest service, with
// real processes on loopback (tests/integration's Cluster and
// ReplicatedCluster), side by side in one run:
//
// 1. Ingest. --clients SDK clients, each over its own channel, ingest
//    --documents synthetic reports (--paragraphs numbered paragraphs each,
//    different per document) in a closed loop, into each configuration:
//      direct      one storage shard, no log (ingest --storage)
//      R1 APPLIED  1 nats-server node (stream replicas 1), 1 storage
//                  replica, k=1, the default wait (applied by a replica)
//      R1 LOG      the same, IngestDocumentRequest.wait = WRITE_WAIT_LOG
//      R3 APPLIED  3 nats-server nodes (stream replicas 3), 2 storage
//                  replicas, k=2
//      R3 LOG
//    Documents/s and paragraphs/s over the time from the first call to the
//    last acknowledgement, p50/p99 acknowledgement latency, throughput
//    against direct, and (replicated) how long after the last
//    acknowledgement every replica had applied everything.
// 2. Replica rebuild. An R3 cluster is loaded with --rebuild_paragraphs
//    paragraphs (WRITE_WAIT_LOG) and waited on until caught up; then a new
//    storage process with an empty data folder is added to every
//    partition and started: paragraphs/s from its start until the shard
//    map shows it serving every partition with applied == the log's end.
//
// Prints the tables on stdout; progress goes to stderr.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "lib/base/status_macros.h"
#include "lib/replication/log_layout.h"
#include "lib/replication/shard_map.h"
#include "rapporteur/client.h"
#include "tests/integration/cluster.h"
#include "tests/integration/replicated_cluster.h"

ABSL_FLAG(int, clients, 4, "Concurrent SDK clients, each over its own channel");
ABSL_FLAG(int, documents, 2000, "Documents ingested into each configuration");
ABSL_FLAG(int, paragraphs, 10, "Numbered paragraphs per document");
ABSL_FLAG(int, warmup, 20,
          "Documents ingested before the timed ones in each configuration "
          "(not counted)");
ABSL_FLAG(int, partitions, 4, "Partitions of the replicated clusters");
ABSL_FLAG(std::string, configs, "direct,r1-applied,r1-log,r3-applied,r3-log",
          "Ingest configurations to run, in order; empty skips the ingest "
          "table");
ABSL_FLAG(int, rebuild_paragraphs, 100000,
          "Paragraphs loaded before the replica rebuild; 0 skips it");
ABSL_FLAG(std::string, work_dir, "/tmp/rapporteur-replication-bench",
          "Folder for the clusters' data; emptied per cluster, removed at "
          "the end");

namespace rapporteur::bench {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::ReplicatedCluster;

void Progress(const std::string& message) {
  std::fprintf(stderr, "replication_bench: %s\n", message.c_str());
  std::fflush(stderr);
}

// Words of the synthetic reports: the vocabulary of the UN reports the
// service is made for, so that the index terms look alike.
constexpr const char* kWords[] = {
    "mission",        "detention",     "detainees",      "torture",
    "treatment",      "government",    "authorities",    "rights",
    "human",          "special",       "rapporteur",     "recommends",
    "council",        "resolution",    "report",         "freedom",
    "expression",     "assembly",      "association",    "religion",
    "women",          "children",      "migrants",       "refugees",
    "displaced",      "persons",       "violence",       "security",
    "forces",         "police",        "military",       "courts",
    "judicial",       "independence",  "lawyers",        "prisoners",
    "conditions",     "food",          "water",          "health",
    "education",      "housing",       "land",           "property",
    "workers",        "labour",        "camps",          "border",
    "crossing",       "families",      "separated",      "information",
    "received",       "allegations",   "credible",       "witnesses",
    "testimony",      "victims",       "perpetrators",   "impunity",
    "accountability", "investigation", "inquiry",        "commission",
    "state",          "obligations",   "international",  "covenant",
    "convention",     "article",       "paragraph",      "provisions",
    "legislation",    "criminal",      "code",           "penalty",
    "death",          "execution",     "public",         "trial",
    "fair",           "guarantees",    "arbitrary",      "arrest",
    "enforced",       "disappearance", "abduction",      "release",
    "visit",          "access",        "capital",        "provinces",
    "region",         "rural",         "urban",          "population",
    "minority",       "indigenous",    "discrimination", "equality",
    "cooperation",    "dialogue",      "assistance",     "humanitarian",
    "agencies",       "sanctions",     "economic",       "social",
    "cultural",       "development",   "poverty",        "famine",
    "shortages",      "distribution",  "monitoring",     "recommendation",
    "concern",        "urges",         "calls",          "measures",
    "adopted",        "implemented",   "reform",         "institutions",
    "national",       "community",     "members",        "civil",
    "society",        "organizations", "defenders",      "journalists",
    "media",          "internet",      "surveillance",   "privacy",
    "movement",       "travel",        "exile",          "return",
    "repatriation",   "asylum",        "trafficking",    "exploitation",
    "forced",         "marriage",      "gender",         "based",
    "sexual",         "abuse",
};
constexpr int kWordCount = sizeof(kWords) / sizeof(kWords[0]);

// Report `n`: `paragraphs` numbered paragraphs of 30 to 60 words drawn with
// a seed of its own, each with the report's marker word, so that every
// document has different text and terms. Request id report-N.
v1::IngestDocumentRequest Report(int n, int paragraphs) {
  std::mt19937 random(static_cast<uint32_t>(n) * 2654435761u + 17);
  const std::string marker = absl::StrCat("zq", n, "x");
  std::string content;
  for (int p = 1; p <= paragraphs; ++p) {
    absl::StrAppend(&content, p, ". The");
    const int words = 30 + static_cast<int>(random() % 31);
    for (int w = 0; w < words; ++w) {
      absl::StrAppend(&content, " ", kWords[random() % kWordCount]);
      if (w == words / 2) {
        absl::StrAppend(&content, " ", marker);
      }
    }
    absl::StrAppend(&content, ".\n\n");
  }
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(std::move(content));
  source->set_media_type("text/plain");
  source->set_symbol(absl::StrCat("BENCH/R/", n));
  source->set_title(absl::StrCat("Report ", n));
  source->set_date(absl::StrFormat("20%02d-01-01", n % 25));
  source->add_countries("PRK");
  request.set_request_id(absl::StrCat("report-", n));
  return request;
}

double Percentile(std::vector<double> values, double fraction) {
  if (values.empty()) {
    return 0;
  }
  std::sort(values.begin(), values.end());
  size_t index = static_cast<size_t>(fraction * (values.size() - 1) + 0.5);
  return values[std::min(index, values.size() - 1)];
}

using ClientFactory = std::function<std::unique_ptr<Client>()>;

struct LoadResult {
  double seconds = 0;
  int64_t documents = 0;   // acknowledged
  int64_t paragraphs = 0;  // of the acknowledged documents, as ingest said
  int64_t errors = 0;      // documents never acknowledged
  int64_t retries = 0;     // transient failures retried
  double p50_ms = 0;
  double p99_ms = 0;
};

// Whether a failed ingest is worth retrying with the same request id.
bool Transient(const absl::Status& status) {
  return absl::IsUnavailable(status) || absl::IsDeadlineExceeded(status) ||
         absl::IsResourceExhausted(status);
}

// Ingests reports [first, first + count) with `clients` threads, each with
// its own client, in a closed loop. A transient failure is retried with
// the same request id (for up to 60 s); the latency counted is from the
// first attempt to the acknowledgement.
LoadResult Ingest(const ClientFactory& make_client, int clients, int first,
                  int count, int paragraphs, v1::WriteWait wait,
                  const std::string& label) {
  // Requests are made before the clock starts.
  std::vector<v1::IngestDocumentRequest> requests(count);
  for (int i = 0; i < count; ++i) {
    requests[i] = Report(first + i, paragraphs);
    requests[i].set_wait(wait);
  }
  std::vector<std::unique_ptr<Client>> made(clients);
  for (int c = 0; c < clients; ++c) {
    made[c] = make_client();
    if (made[c] == nullptr) {
      Progress(absl::StrCat(label, ": cannot make an SDK client"));
      std::abort();
    }
  }
  std::vector<std::vector<double>> latencies(clients);
  std::atomic<int> next{0};
  std::atomic<int64_t> done{0}, paragraph_total{0}, errors{0}, retries{0};
  std::atomic<bool> finished{false};
  std::string first_error;
  std::mutex error_mu;
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      Client& client = *made[c];
      for (int i = next++; i < count; i = next++) {
        const absl::Time sent = absl::Now();
        const absl::Time give_up = sent + absl::Seconds(60);
        absl::StatusOr<v1::IngestDocumentResponse> response =
            client.IngestDocument(requests[i]);
        while (!response.ok() && Transient(response.status()) &&
               absl::Now() < give_up) {
          ++retries;
          absl::SleepFor(absl::Milliseconds(50));
          response = client.IngestDocument(requests[i]);
        }
        if (!response.ok()) {
          ++errors;
          std::lock_guard<std::mutex> lock(error_mu);
          if (first_error.empty()) {
            first_error = response.status().ToString();
          }
          continue;
        }
        latencies[c].push_back(absl::ToDoubleMilliseconds(absl::Now() - sent));
        paragraph_total +=
            std::max<int64_t>(response->document().paragraph_count(),
                              response->document().paragraphs_size());
        ++done;
      }
    });
  }
  std::thread reporter([&] {
    absl::Time last = absl::Now();
    while (!finished) {
      absl::SleepFor(absl::Milliseconds(100));
      if (absl::Now() - last >= absl::Seconds(5)) {
        last = absl::Now();
        const int64_t acknowledged = done;
        Progress(absl::StrFormat(
            "%s: %d of %d documents acknowledged (%.0f/s)", label, acknowledged,
            count, acknowledged / absl::ToDoubleSeconds(last - start)));
      }
    }
  });
  for (std::thread& thread : threads) {
    thread.join();
  }
  LoadResult result;
  result.seconds = absl::ToDoubleSeconds(absl::Now() - start);
  finished = true;
  reporter.join();
  std::vector<double> all;
  for (const std::vector<double>& each : latencies) {
    all.insert(all.end(), each.begin(), each.end());
  }
  result.documents = done;
  result.paragraphs = paragraph_total;
  result.errors = errors;
  result.retries = retries;
  result.p50_ms = Percentile(all, 0.50);
  result.p99_ms = Percentile(all, 0.99);
  if (result.errors > 0) {
    Progress(absl::StrCat(label, ": ", result.errors,
                          " documents not acknowledged; first: ", first_error));
  }
  return result;
}

struct IngestRow {
  std::string config;
  LoadResult load;
  // Seconds from the last acknowledgement until every replica had applied
  // the whole log; negative for direct.
  double applied_after_s = -1;
};

// A fresh, empty folder `name` under the work folder.
std::string FreshDir(const std::string& name) {
  const std::string dir =
      absl::StrCat(absl::GetFlag(FLAGS_work_dir), "/", name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

struct Setup {
  std::string label;
  bool replicated = false;
  int nats_nodes = 1;
  int storage = 1;
  int k = 1;
  v1::WriteWait wait = v1::WRITE_WAIT_UNSPECIFIED;
};

absl::StatusOr<Setup> SetupOf(const std::string& key) {
  if (key == "direct") return Setup{"direct"};
  if (key == "r1-applied") {
    return Setup{"R1 APPLIED", true, 1, 1, 1, v1::WRITE_WAIT_APPLIED};
  }
  if (key == "r1-log")
    return Setup{"R1 LOG", true, 1, 1, 1, v1::WRITE_WAIT_LOG};
  if (key == "r3-applied") {
    return Setup{"R3 APPLIED", true, 3, 2, 2, v1::WRITE_WAIT_APPLIED};
  }
  if (key == "r3-log")
    return Setup{"R3 LOG", true, 3, 2, 2, v1::WRITE_WAIT_LOG};
  return absl::InvalidArgumentError(absl::StrCat("unknown config '", key, "'"));
}

absl::StatusOr<IngestRow> RunIngest(const std::string& key) {
  absl::StatusOr<Setup> setup = SetupOf(key);
  if (!setup.ok()) {
    return setup.status();
  }
  const int clients = absl::GetFlag(FLAGS_clients);
  const int documents = absl::GetFlag(FLAGS_documents);
  const int paragraphs = absl::GetFlag(FLAGS_paragraphs);
  const int warmup = absl::GetFlag(FLAGS_warmup);
  IngestRow row;
  row.config = setup->label;
  const std::string dir = FreshDir(key);
  Progress(absl::StrCat(setup->label, ": starting the cluster in ", dir));
  // Warm-up reports are numbered after the timed ones.
  const int warmup_first = documents;
  if (!setup->replicated) {
    Cluster cluster(dir);
    Cluster::Config config;
    config.storage_shards = 1;
    absl::Status started = cluster.Start(config);
    if (!started.ok()) {
      return started;
    }
    ClientFactory make = [&cluster] { return cluster.NewClient(); };
    Ingest(make, clients, warmup_first, warmup, paragraphs, setup->wait,
           setup->label + " warm-up");
    row.load = Ingest(make, clients, 0, documents, paragraphs, setup->wait,
                      setup->label);
  } else {
    ReplicatedCluster cluster(dir);
    ReplicatedCluster::Config config;
    config.nats_nodes = setup->nats_nodes;
    config.storage_processes = setup->storage;
    config.replicas = setup->k;
    config.partitions = absl::GetFlag(FLAGS_partitions);
    absl::Status started = cluster.Start(config);
    if (!started.ok()) {
      return started;
    }
    ClientFactory make = [&cluster] { return cluster.NewClient(); };
    Ingest(make, clients, warmup_first, warmup, paragraphs, setup->wait,
           setup->label + " warm-up");
    absl::Status warm = cluster.AwaitCaughtUp(absl::Minutes(5));
    if (!warm.ok()) {
      return warm;
    }
    row.load = Ingest(make, clients, 0, documents, paragraphs, setup->wait,
                      setup->label);
    const absl::Time acknowledged = absl::Now();
    absl::Status caught_up = cluster.AwaitCaughtUp(absl::Minutes(30));
    if (!caught_up.ok()) {
      return caught_up;
    }
    // The shard map's progress is refreshed every heartbeat (1 s).
    row.applied_after_s = absl::ToDoubleSeconds(absl::Now() - acknowledged);
  }
  Progress(absl::StrFormat("%s: %d documents in %.1f s (%d retried calls)",
                           setup->label, row.load.documents, row.load.seconds,
                           row.load.retries));
  std::filesystem::remove_all(dir);
  return row;
}

void PrintIngestTable(const std::vector<IngestRow>& rows) {
  double direct = 0;
  for (const IngestRow& row : rows) {
    if (row.config == "direct") {
      direct = row.load.documents / row.load.seconds;
    }
  }
  std::printf(
      "\nIngest: %d documents of %d paragraphs, %d clients, %d partitions\n\n",
      absl::GetFlag(FLAGS_documents), absl::GetFlag(FLAGS_paragraphs),
      absl::GetFlag(FLAGS_clients), absl::GetFlag(FLAGS_partitions));
  std::printf(
      "| configuration | docs/s | paragraphs/s | p50 ms | p99 ms | vs direct "
      "| all applied after | errors |\n");
  std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const IngestRow& row : rows) {
    const double docs_s = row.load.documents / row.load.seconds;
    std::printf(
        "| %s | %.1f | %.0f | %.1f | %.1f | %s | %s | %lld |\n",
        row.config.c_str(), docs_s, row.load.paragraphs / row.load.seconds,
        row.load.p50_ms, row.load.p99_ms,
        direct > 0 ? absl::StrFormat("%.2f", docs_s / direct).c_str() : "—",
        row.applied_after_s < 0
            ? "—"
            : absl::StrFormat("%.1f s", row.applied_after_s).c_str(),
        static_cast<long long>(row.load.errors));
  }
  std::fflush(stdout);
}

// The new replica's progress: partitions serving with applied == the log's
// end, and entries applied over all partitions.
struct RebuildProgress {
  int caught_up = 0;
  uint64_t applied = 0;
};

absl::StatusOr<RebuildProgress> ProgressOf(replication::NatsClient& nats,
                                           const std::string& replica,
                                           const std::vector<uint64_t>& ends) {
  absl::StatusOr<replication::ShardMap> map = replication::ReadShardMap(nats);
  if (!map.ok()) {
    return map.status();
  }
  RebuildProgress progress;
  for (uint32_t p = 0; p < ends.size(); ++p) {
    const internal::v1::PartitionProgress* of = map->Progress(replica, p);
    if (of == nullptr) {
      continue;
    }
    progress.applied += std::min(of->applied_sequence(), ends[p]);
    if (of->serving() && of->applied_sequence() >= ends[p]) {
      ++progress.caught_up;
    }
  }
  return progress;
}

absl::Status RunRebuild() {
  const int clients = absl::GetFlag(FLAGS_clients);
  const int paragraphs = absl::GetFlag(FLAGS_paragraphs);
  const int partitions = absl::GetFlag(FLAGS_partitions);
  const int documents =
      (absl::GetFlag(FLAGS_rebuild_paragraphs) + paragraphs - 1) / paragraphs;
  const std::string dir = FreshDir("rebuild");
  Progress(absl::StrCat("rebuild: starting an R3 cluster in ", dir));
  ReplicatedCluster cluster(dir);
  ReplicatedCluster::Config config;
  config.nats_nodes = 3;
  config.storage_processes = 2;
  config.replicas = 2;
  config.partitions = partitions;
  ABSL_RETURN_IF_ERROR(cluster.Start(config));
  ClientFactory make = [&cluster] { return cluster.NewClient(); };
  const LoadResult load = Ingest(make, clients, 0, documents, paragraphs,
                                 v1::WRITE_WAIT_LOG, "rebuild load (R3 LOG)");
  if (load.errors > 0) {
    return absl::InternalError(
        absl::StrCat(load.errors, " documents of the load failed"));
  }
  const absl::Time acknowledged = absl::Now();
  ABSL_RETURN_IF_ERROR(cluster.AwaitCaughtUp(absl::Minutes(30)));
  const double applied_after =
      absl::ToDoubleSeconds(absl::Now() - acknowledged);
  Progress(absl::StrFormat(
      "rebuild: loaded %d documents (%d paragraphs) in %.1f s (%d retried "
      "calls); replicas caught up %.1f s after the last acknowledgement",
      load.documents, load.paragraphs, load.seconds, load.retries,
      applied_after));

  std::vector<uint64_t> ends(partitions);
  uint64_t entries = 0;
  for (int p = 0; p < partitions; ++p) {
    absl::StatusOr<replication::StreamState> stream =
        cluster.nats().GetStreamState(replication::StreamName(p));
    if (!stream.ok()) {
      return stream.status();
    }
    ends[p] = stream->last_sequence;
    entries += stream->last_sequence;
  }
  // The new process, storage-{n}, finds itself in every partition's
  // replicas when it starts (as after `rapporteur cluster move --to` for
  // each, without removing the others).
  const int index = cluster.storage_processes();
  const std::string replica = absl::StrCat("storage-", index);
  for (int p = 0; p < partitions; ++p) {
    ABSL_RETURN_IF_ERROR(replication::AddReplica(
        cluster.nats(), static_cast<uint32_t>(p), replica));
  }
  Progress(absl::StrCat("rebuild: starting ", replica, " on an empty folder (",
                        entries, " log entries in ", partitions,
                        " partitions)"));
  const absl::Time start = absl::Now();
  ABSL_RETURN_IF_ERROR(cluster.StartStorage(index));
  const double listening = absl::ToDoubleSeconds(absl::Now() - start);
  absl::Time last_report = absl::Now();
  absl::Time caught_up_at;
  const absl::Time deadline = start + absl::Minutes(30);
  while (true) {
    absl::StatusOr<RebuildProgress> progress =
        ProgressOf(cluster.nats(), replica, ends);
    const absl::Time now = absl::Now();
    if (progress.ok() && progress->caught_up == partitions) {
      caught_up_at = now;
      break;
    }
    if (now > deadline) {
      return absl::DeadlineExceededError(
          absl::StrCat(replica, " did not catch up in 30 minutes"));
    }
    if (now - last_report >= absl::Seconds(5)) {
      last_report = now;
      Progress(progress.ok()
                   ? absl::StrFormat(
                         "rebuild: %s applied %d of %d entries, %d of %d "
                         "partitions caught up",
                         replica, progress->applied, entries,
                         progress->caught_up, partitions)
                   : absl::StrCat("rebuild: ", progress.status().ToString()));
    }
    absl::SleepFor(absl::Milliseconds(50));
  }
  const double seconds = absl::ToDoubleSeconds(caught_up_at - start);
  uintmax_t bytes = 0;
  for (const auto& file : std::filesystem::recursive_directory_iterator(
           cluster.storage_data(index))) {
    if (file.is_regular_file()) {
      bytes += file.file_size();
    }
  }
  std::printf(
      "\nReplica rebuild: R3, %d partitions, a new storage process with an "
      "empty folder takes every partition\n\n",
      partitions);
  std::printf(
      "| log entries | paragraphs | rebuild s | paragraphs/s | entries/s | "
      "process listening after | data |\n");
  std::printf("|---:|---:|---:|---:|---:|---:|---:|\n");
  std::printf("| %llu | %lld | %.1f | %.0f | %.0f | %.1f s | %.0f MiB |\n",
              static_cast<unsigned long long>(entries),
              static_cast<long long>(load.paragraphs), seconds,
              load.paragraphs / seconds, entries / seconds, listening,
              bytes / (1024.0 * 1024.0));
  std::printf(
      "\nLoad before it (R3 LOG, %d clients): %.1f docs/s, %.0f "
      "paragraphs/s, p50 %.1f ms, p99 %.1f ms; replicas caught up %.1f s "
      "after the last acknowledgement\n",
      clients, load.documents / load.seconds, load.paragraphs / load.seconds,
      load.p50_ms, load.p99_ms, applied_after);
  std::fflush(stdout);
  return absl::OkStatus();
}

int Main() {
  std::vector<IngestRow> rows;
  const std::string configs = absl::GetFlag(FLAGS_configs);
  for (absl::string_view key :
       absl::StrSplit(configs, ',', absl::SkipWhitespace())) {
    absl::StatusOr<IngestRow> row = RunIngest(std::string(key));
    if (!row.ok()) {
      Progress(absl::StrCat(key, ": ", row.status().ToString()));
      return 1;
    }
    rows.push_back(std::move(*row));
  }
  if (!rows.empty()) {
    PrintIngestTable(rows);
  }
  if (absl::GetFlag(FLAGS_rebuild_paragraphs) > 0) {
    absl::Status rebuilt = RunRebuild();
    if (!rebuilt.ok()) {
      Progress(absl::StrCat("rebuild: ", rebuilt.ToString()));
      return 1;
    }
  }
  std::error_code ignored;
  std::filesystem::remove_all(absl::GetFlag(FLAGS_work_dir), ignored);
  return 0;
}

}  // namespace
}  // namespace rapporteur::bench

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  return rapporteur::bench::Main();
}
