#include "tests/integration/cluster.h"

#include <grpcpp/grpcpp.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "lib/base/status_macros.h"
#include "lib/rpc/grpc_status.h"
#include "rapporteur/v1/query.grpc.pb.h"
#include "tests/testing/files.h"

namespace rapporteur::testing {

int FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) {
    return 0;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof(address);
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);
  return port;
}

absl::StatusOr<v1::SearchResponse> SearchOnce(const std::string& address,
                                              const v1::SearchRequest& request,
                                              absl::Duration timeout) {
  std::unique_ptr<v1::QueryService::Stub> stub = v1::QueryService::NewStub(
      grpc::CreateChannel(address, grpc::InsecureChannelCredentials()));
  grpc::ClientContext context;
  context.set_deadline(absl::ToChronoTime(absl::Now() + timeout));
  v1::SearchResponse response;
  const grpc::Status status = stub->Search(&context, request, &response);
  if (!status.ok()) {
    return FromGrpcStatus(status);
  }
  return response;
}

Cluster::~Cluster() {
  // Clients first, so that none sees its storage vanish mid-call.
  for (auto* process : {&query_, &ingest_}) {
    if (process->has_value()) {
      (*process)->Stop(absl::Seconds(10));
    }
  }
  for (std::optional<Subprocess>& storage : storages_) {
    if (storage.has_value()) {
      storage->Stop(absl::Seconds(10));
    }
  }
}

absl::StatusOr<int> Cluster::Spawn(const std::string& binary,
                                   const std::string& label,
                                   std::vector<std::string> flags,
                                   std::optional<Subprocess>* process) {
  // A fresh port file per start, so a restart never reads a stale port.
  const std::string port_file =
      absl::StrCat(dir_, "/", label, "-", ++spawned_, ".port");
  const std::string log = absl::StrCat(dir_, "/", label, ".log");
  flags.push_back(absl::StrCat("--port_file=", port_file));
  const std::string metrics_port_file =
      absl::StrCat(dir_, "/", label, "-", spawned_, ".metrics-port");
  // Another cluster over the same folder (the search benchmark's next
  // scale) numbers its files from 1 too: a file left by it is no port.
  std::error_code ignored;
  std::filesystem::remove(port_file, ignored);
  std::filesystem::remove(metrics_port_file, ignored);
  if (metrics_) {
    flags.push_back("--metrics_listen=127.0.0.1:0");
    flags.push_back(absl::StrCat("--metrics_port_file=", metrics_port_file));
  }
  ABSL_ASSIGN_OR_RETURN(
      Subprocess spawned,
      Subprocess::Spawn(absl::StrCat(ExecutableDir(), "/rapporteur-", binary),
                        flags, log));
  process->emplace(std::move(spawned));
  ABSL_ASSIGN_OR_RETURN(
      const int port,
      WaitForPortFile(port_file, **process, absl::Seconds(60), log));
  if (metrics_) {
    // Written before the port file: already there.
    ABSL_ASSIGN_OR_RETURN(
        metrics_ports_[label],
        WaitForPortFile(metrics_port_file, **process, absl::Seconds(5), log));
  }
  return port;
}

int Cluster::metrics_port(const std::string& label) const {
  auto it = metrics_ports_.find(label);
  return it == metrics_ports_.end() ? 0 : it->second;
}

std::string Cluster::storage_address(int shard) const {
  return absl::StrCat("127.0.0.1:", storage_ports_[shard]);
}

absl::Status Cluster::StartStorage(int shard, int port) {
  if (shard < 0 || shard >= storage_shards()) {
    return absl::InvalidArgumentError(
        absl::StrCat("no storage shard ", shard, " among ", storage_shards()));
  }
  // The log of shard 0 keeps the name it had before clusters were sharded.
  const std::string label =
      storage_shards() == 1 ? "storage" : absl::StrCat("storage-", shard);
  std::vector<std::string> flags = {
      absl::StrCat("--listen=127.0.0.1:", port),
      absl::StrCat("--data=", dir_, "/shard-", shard)};
  if (tls_.has_value()) {
    flags.push_back(absl::StrCat("--tls_cert_file=", tls_->server_cert));
    flags.push_back(absl::StrCat("--tls_key_file=", tls_->server_key));
    flags.push_back(absl::StrCat("--tls_client_ca_file=", tls_->ca_cert));
  }
  flags.insert(flags.end(), storage_flags_.begin(), storage_flags_.end());
  ABSL_ASSIGN_OR_RETURN(storage_ports_[shard],
                        Spawn("storage", label, flags, &storages_[shard]));
  return absl::OkStatus();
}

absl::Status Cluster::RestartIngest(absl::Duration down) {
  ingest_->Signal(SIGKILL);
  ingest_->Wait();
  absl::SleepFor(down);
  std::vector<std::string> flags = {absl::StrCat("--listen=", ingest_address_)};
  flags.insert(flags.end(), ingest_flags_.begin(), ingest_flags_.end());
  return Spawn("ingest", "ingest", flags, &ingest_).status();
}

absl::Status Cluster::RestartQuery(std::vector<std::string> query_flags) {
  query_->Stop(absl::Seconds(10));
  std::vector<std::string> flags = {absl::StrCat("--listen=", query_address_)};
  flags.insert(flags.end(), query_base_flags_.begin(), query_base_flags_.end());
  flags.insert(flags.end(), query_flags.begin(), query_flags.end());
  return Spawn("query", "query", flags, &query_).status();
}

absl::Status Cluster::Start(const Config& config) {
  if (config.storage_shards < 1) {
    return absl::InvalidArgumentError("a cluster needs a storage shard");
  }
  std::filesystem::create_directories(dir_);
  storage_flags_ = config.storage_flags;
  tls_ = config.tls;
  metrics_ = config.metrics;
  storages_.resize(config.storage_shards);
  storage_ports_.assign(config.storage_shards, 0);
  std::vector<std::string> addresses;
  for (int shard = 0; shard < config.storage_shards; ++shard) {
    ABSL_RETURN_IF_ERROR(StartStorage(shard, 0));
    addresses.push_back(storage_address(shard));
  }
  const std::string storage_flag =
      absl::StrCat("--storage=", absl::StrJoin(addresses, ","));
  std::vector<std::string> query_flags = {"--listen=127.0.0.1:0", storage_flag};
  if (tls_.has_value()) {
    query_flags.push_back(absl::StrCat("--tls_cert_file=", tls_->server_cert));
    query_flags.push_back(absl::StrCat("--tls_key_file=", tls_->server_key));
    query_flags.push_back(
        absl::StrCat("--storage_tls_ca_file=", tls_->ca_cert));
    query_flags.push_back(
        absl::StrCat("--storage_tls_cert_file=", tls_->client_cert));
    query_flags.push_back(
        absl::StrCat("--storage_tls_key_file=", tls_->client_key));
  }
  std::vector<std::string> ingest_flags = query_flags;  // the same TLS
  ingest_flags.insert(ingest_flags.end(), config.ingest_flags.begin(),
                      config.ingest_flags.end());
  query_base_flags_.assign(query_flags.begin() + 1, query_flags.end());
  query_flags.insert(query_flags.end(), config.query_flags.begin(),
                     config.query_flags.end());
  ingest_flags_.assign(ingest_flags.begin() + 1, ingest_flags.end());
  ABSL_ASSIGN_OR_RETURN(int ingest_port,
                        Spawn("ingest", "ingest", ingest_flags, &ingest_));
  ABSL_ASSIGN_OR_RETURN(int query_port,
                        Spawn("query", "query", query_flags, &query_));
  ingest_address_ = absl::StrCat("127.0.0.1:", ingest_port);
  query_address_ = absl::StrCat("127.0.0.1:", query_port);
  return absl::OkStatus();
}

Options Cluster::client_options() const {
  Options options;
  options.ingest_endpoint = ingest_address_;
  options.query_endpoints = {query_address_};
  options.timeout = std::chrono::seconds(30);
  if (tls_.has_value()) {
    options.tls.enabled = true;
    options.tls.root_certificates_pem = ReadFileOrDie(tls_->ca_cert);
  }
  return options;
}

std::unique_ptr<Client> Cluster::NewClient() const {
  const Options options = client_options();
  absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
  return client.ok() ? std::move(*client) : nullptr;
}

}  // namespace rapporteur::testing
