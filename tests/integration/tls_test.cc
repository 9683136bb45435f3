// TLS and mutual TLS between the real binaries, and plain text refused
// off loopback. Certificates are made per test by openssl (tls_certs.h).
#include <gmock/gmock.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "lib/base/subprocess.h"
#include "rapporteur/internal/v1/shard.grpc.pb.h"
#include "tests/integration/cluster.h"
#include "tests/integration/tls_certs.h"
#include "tests/testing/files.h"
#include "tests/testing/status_matchers.h"

namespace rapporteur {
namespace {

using ::rapporteur::testing::Cluster;
using ::rapporteur::testing::IsOk;
using ::rapporteur::testing::ReadFileOrDie;
using ::rapporteur::testing::StatusIs;
using ::rapporteur::testing::TlsCerts;
using ::testing::AllOf;
using ::testing::HasSubstr;

v1::IngestDocumentRequest SampleRequest() {
  v1::IngestDocumentRequest request;
  request.mutable_source()->set_content(rapporteur::testing::SampleReport());
  request.mutable_source()->set_symbol("A/HRC/7/20");
  return request;
}

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<TlsCerts> certs =
        rapporteur::testing::MakeTlsCerts(dir_.path() + "/pki");
    ASSERT_THAT(certs.status(), IsOk());
    certs_ = *certs;
    Cluster::Config config;
    config.tls = certs_;
    health_port_ = rapporteur::testing::FreeLoopbackPort();
    ASSERT_GT(health_port_, 0);
    config.storage_flags = {
        absl::StrCat("--health_listen=127.0.0.1:", health_port_)};
    ASSERT_THAT(cluster_.Start(config), IsOk());
  }

  // The health of storage shard 0, called directly over TLS trusting the
  // service CA and presenting `cert_file` and `key_file` ("" for none).
  grpc::Status StorageHealth(const std::string& cert_file,
                             const std::string& key_file) {
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = ReadFileOrDie(certs_.ca_cert);
    if (!cert_file.empty()) {
      ssl.pem_cert_chain = ReadFileOrDie(cert_file);
      ssl.pem_private_key = ReadFileOrDie(key_file);
    }
    auto stub = grpc::health::v1::Health::NewStub(grpc::CreateChannel(
        cluster_.storage_address(), grpc::SslCredentials(ssl)));
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status = stub->Check(&context, {}, &response);
    if (status.ok() &&
        response.status() != grpc::health::v1::HealthCheckResponse::SERVING) {
      return grpc::Status(grpc::StatusCode::INTERNAL, "not serving");
    }
    return status;
  }

  rapporteur::testing::TempDir dir_;
  TlsCerts certs_;
  int health_port_ = 0;  // storage's plain-text health port
  Cluster cluster_{dir_.path() + "/cluster"};
};

TEST_F(TlsTest, ClusterWithTlsEverywhereIngestsAndSearches) {
  std::unique_ptr<Client> client = cluster_.NewClient();
  ASSERT_NE(client, nullptr);
  auto ingested = client->IngestDocument(SampleRequest());
  ASSERT_THAT(ingested.status(), IsOk());
  EXPECT_EQ(ingested->document().name(), "documents/a-hrc-7-20");

  auto executions = client->Search("public executions");
  ASSERT_THAT(executions.status(), IsOk());
  ASSERT_GE(executions->hits_size(), 1);
  EXPECT_EQ(executions->hits(0).citation(), "A/HRC/7/20, para. 26");
}

TEST_F(TlsTest, ClientNotTrustingTheServiceCaFailsTheHandshake) {
  Options options = cluster_.client_options();
  options.tls.root_certificates_pem.clear();  // the system's roots
  options.retry.max_attempts = 1;
  auto client = MakeClient(options);
  ASSERT_THAT(client.status(), IsOk());
  EXPECT_THAT(
      (*client)->Search("food").status(),
      StatusIs(absl::StatusCode::kUnavailable, HasSubstr("handshake failed")));

  // Nor does plain text reach a TLS port.
  options.tls = TlsOptions{};
  client = MakeClient(options);
  ASSERT_THAT(client.status(), IsOk());
  EXPECT_THAT((*client)->Search("food").status(),
              StatusIs(absl::StatusCode::kUnavailable));
}

TEST_F(TlsTest, StorageAcceptsOnlyClientCertificatesOfTheServiceCa) {
  EXPECT_EQ(StorageHealth("", "").error_code(), grpc::StatusCode::UNAVAILABLE);
  EXPECT_EQ(StorageHealth(certs_.rogue_client_cert, certs_.rogue_client_key)
                .error_code(),
            grpc::StatusCode::UNAVAILABLE);
  const grpc::Status service =
      StorageHealth(certs_.client_cert, certs_.client_key);
  EXPECT_TRUE(service.ok()) << service.error_message();
}

TEST_F(TlsTest, HealthPortAnswersProbesInPlainTextAndNothingElse) {
  auto channel = grpc::CreateChannel(absl::StrCat("127.0.0.1:", health_port_),
                                     grpc::InsecureChannelCredentials());
  auto health = grpc::health::v1::Health::NewStub(channel);
  grpc::ClientContext health_context;
  health_context.set_deadline(
      absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  grpc::health::v1::HealthCheckResponse response;
  const grpc::Status checked = health->Check(&health_context, {}, &response);
  ASSERT_TRUE(checked.ok()) << checked.error_message();
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  // The storage service itself is not reachable there.
  auto storage = internal::v1::StorageService::NewStub(channel);
  grpc::ClientContext get_context;
  get_context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(10)));
  v1::GetDocumentRequest get;
  get.set_name("documents/a-hrc-7-20");
  v1::Document document;
  EXPECT_EQ(storage->GetDocument(&get_context, get, &document).error_code(),
            grpc::StatusCode::UNIMPLEMENTED);
}

// Certificates rotated in place under running services, as cert-manager
// renews a Secret mounted in a pod: every process serves and trusts what
// the files hold after --tls_refresh_interval, without a restart.
class TlsRotationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<TlsCerts> a =
        rapporteur::testing::MakeTlsCerts(dir_.path() + "/pki-a");
    ASSERT_THAT(a.status(), IsOk());
    absl::StatusOr<TlsCerts> b =
        rapporteur::testing::MakeTlsCerts(dir_.path() + "/pki-b");
    ASSERT_THAT(b.status(), IsOk());
    a_ = *a;
    b_ = *b;
    std::filesystem::create_directories(live_);
    Install(a_);
    // The services read only the live files.
    TlsCerts live;
    live.ca_cert = live_ + "/ca.crt";
    live.server_cert = live_ + "/tls.crt";
    live.server_key = live_ + "/tls.key";
    live.client_cert = live_ + "/client.crt";
    live.client_key = live_ + "/client.key";
    Cluster::Config config;
    config.tls = live;
    const std::string refresh = "--tls_refresh_interval=1s";
    config.storage_flags = {refresh};
    config.query_flags = {refresh};
    config.ingest_flags = {refresh};
    ASSERT_THAT(cluster_.Start(config), IsOk());
  }

  // Replaces the live files with those of `certs`, each by rename, so that
  // no file is ever read half-written.
  void Install(const TlsCerts& certs) {
    for (const auto& [from, to] :
         std::vector<std::pair<std::string, std::string>>{
             {certs.ca_cert, "ca.crt"},
             {certs.server_key, "tls.key"},
             {certs.server_cert, "tls.crt"},
             {certs.client_key, "client.key"},
             {certs.client_cert, "client.crt"}}) {
      const std::string tmp = absl::StrCat(live_, "/.", to, ".tmp");
      std::filesystem::copy_file(
          from, tmp, std::filesystem::copy_options::overwrite_existing);
      std::filesystem::rename(tmp, absl::StrCat(live_, "/", to));
    }
  }

  // One search through query, by a new client trusting only `ca_file`'s
  // authority, without retries.
  absl::Status SearchTrusting(const std::string& ca_file) {
    Options options = cluster_.client_options();
    options.tls.enabled = true;
    options.tls.root_certificates_pem = ReadFileOrDie(ca_file);
    options.retry.max_attempts = 1;
    options.timeout = std::chrono::seconds(10);
    absl::StatusOr<std::unique_ptr<Client>> client = MakeClient(options);
    if (!client.ok()) {
      return client.status();
    }
    return (*client)->Search("food").status();
  }

  // Polls SearchTrusting(ca_file) until it succeeds, for at most a minute;
  // returns the last outcome.
  absl::Status EventuallySearchTrusting(const std::string& ca_file) {
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    absl::Status status = SearchTrusting(ca_file);
    while (!status.ok() && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      status = SearchTrusting(ca_file);
    }
    return status;
  }

  rapporteur::testing::TempDir dir_;
  const std::string live_ = dir_.path() + "/live";
  TlsCerts a_, b_;
  Cluster cluster_{dir_.path() + "/cluster"};
};

TEST_F(TlsRotationTest, RotatedCertificatesAreServedAndTrustedWithoutRestart) {
  ASSERT_THAT(SearchTrusting(a_.ca_cert), IsOk());
  EXPECT_THAT(SearchTrusting(b_.ca_cert),
              StatusIs(absl::StatusCode::kUnavailable));

  Install(b_);
  // Query serves B's certificate: a client trusting only B connects, and
  // query still reaches storage (the connection made before).
  EXPECT_THAT(EventuallySearchTrusting(b_.ca_cert), IsOk());
  EXPECT_THAT(SearchTrusting(a_.ca_cert),
              StatusIs(absl::StatusCode::kUnavailable));

  // A storage restarted now serves B and trusts only B's clients: query
  // reconnects with B's client certificate, trusting B's authority, both
  // read from the rotated files.
  const int storage_port = cluster_.storage_port();
  ASSERT_EQ(cluster_.storage().Stop(absl::Seconds(20)), 0);
  ASSERT_THAT(cluster_.StartStorage(storage_port), IsOk());
  EXPECT_THAT(EventuallySearchTrusting(b_.ca_cert), IsOk());
}

TEST_F(TlsTest, StorageCertificateMustNameTheShardDialed) {
  // Query's storage credentials come from watched files: the shard's
  // certificate is still checked against the name dialed.
  for (const auto& [name, reaches] : std::vector<std::pair<std::string, bool>>{
           {"localhost", true}, {"elsewhere.example", false}}) {
    SCOPED_TRACE(name);
    const std::string label = absl::StrCat("query-", reaches);
    const std::string port_file = dir_.path() + "/" + label + ".port";
    const std::string log = dir_.path() + "/" + label + ".log";
    absl::StatusOr<Subprocess> query =
        Subprocess::Spawn(absl::StrCat(ExecutableDir(), "/rapporteur-query"),
                          {"--listen=127.0.0.1:0", "--port_file=" + port_file,
                           "--storage=" + cluster_.storage_address(),
                           "--storage_tls_ca_file=" + certs_.ca_cert,
                           "--storage_tls_cert_file=" + certs_.client_cert,
                           "--storage_tls_key_file=" + certs_.client_key,
                           "--storage_tls_server_name=" + name},
                          log);
    ASSERT_THAT(query.status(), IsOk());
    absl::StatusOr<int> port =
        WaitForPortFile(port_file, *query, absl::Seconds(60), log);
    ASSERT_THAT(port.status(), IsOk());
    v1::SearchRequest request;
    request.set_query("food");
    auto searched = rapporteur::testing::SearchOnce(
        absl::StrCat("127.0.0.1:", *port), request, absl::Seconds(10));
    if (reaches) {
      EXPECT_THAT(searched.status(), IsOk());
    } else {
      EXPECT_FALSE(searched.ok());
    }
    EXPECT_EQ(query->Stop(absl::Seconds(20)), 0);
  }
}

// A service started in `dir` with `flags`, expected to exit at once: its
// exit code and log.
struct Refusal {
  int exit_code;
  std::string log;
};
Refusal RunToExit(const std::string& binary,
                  const std::vector<std::string>& flags,
                  const std::string& dir) {
  const std::string log = absl::StrCat(dir, "/", binary, ".log");
  absl::StatusOr<Subprocess> process = Subprocess::Spawn(
      absl::StrCat(ExecutableDir(), "/rapporteur-", binary), flags, log);
  if (!process.ok()) {
    return {-1, std::string(process.status().message())};
  }
  const int code = process->Wait(absl::Seconds(30));
  return {code, ReadFileOrDie(log)};
}

TEST(InsecureTest, PlainTextServerRefusesNonLoopbackAddresses) {
  rapporteur::testing::TempDir dir;
  for (const std::string listen : {"0.0.0.0:0", "[::]:0"}) {
    Refusal storage = RunToExit(
        "storage",
        {absl::StrCat("--listen=", listen), "--data=" + dir.path() + "/db"},
        dir.path());
    EXPECT_NE(storage.exit_code, 0) << listen;
    EXPECT_THAT(storage.log, AllOf(HasSubstr(absl::StrCat("on ", listen)),
                                   HasSubstr("--tls_cert_file"),
                                   HasSubstr("--allow_insecure")));
  }
  Refusal ingest = RunToExit(
      "ingest", {"--listen=0.0.0.0:0", "--storage=127.0.0.1:1"}, dir.path());
  EXPECT_NE(ingest.exit_code, 0);
  EXPECT_THAT(ingest.log, HasSubstr("on 0.0.0.0:0"));
}

TEST(InsecureTest, PlainTextClientRefusesNonLoopbackStorage) {
  rapporteur::testing::TempDir dir;
  // 192.0.2.0/24 is TEST-NET-1: never dialed, as the refusal comes first.
  Refusal query = RunToExit(
      "query",
      {"--listen=127.0.0.1:0", "--storage=127.0.0.1:1,192.0.2.7:50051"},
      dir.path());
  EXPECT_NE(query.exit_code, 0);
  EXPECT_THAT(query.log, AllOf(HasSubstr("storage shard 192.0.2.7:50051"),
                               HasSubstr("--storage_tls_ca_file"),
                               HasSubstr("--allow_insecure")));
}

TEST(InsecureTest, AllowInsecureServesOnAnyAddress) {
  rapporteur::testing::TempDir dir;
  const std::string port_file = dir.path() + "/storage.port";
  const std::string log = dir.path() + "/storage.log";
  absl::StatusOr<Subprocess> storage = Subprocess::Spawn(
      absl::StrCat(ExecutableDir(), "/rapporteur-storage"),
      {"--listen=0.0.0.0:0", "--allow_insecure", "--port_file=" + port_file,
       "--data=" + dir.path() + "/db"},
      log);
  ASSERT_THAT(storage.status(), IsOk());
  absl::StatusOr<int> port =
      WaitForPortFile(port_file, *storage, absl::Seconds(60), log);
  ASSERT_THAT(port.status(), IsOk());
  EXPECT_GT(*port, 0);
  EXPECT_EQ(storage->Stop(absl::Seconds(20)), 0);
}

TEST(TlsFlagsTest, UnreadableOrIncompleteTlsFilesAreNamed) {
  rapporteur::testing::TempDir dir;
  const std::string missing = dir.path() + "/no-such.pem";
  Refusal unreadable = RunToExit(
      "storage",
      {"--data=" + dir.path() + "/db", "--tls_cert_file=" + missing,
       "--tls_key_file=" + missing, "--tls_client_ca_file=" + missing},
      dir.path());
  EXPECT_EQ(unreadable.exit_code, 2);
  EXPECT_THAT(unreadable.log,
              HasSubstr(absl::StrCat("--tls_cert_file=", missing)));

  absl::StatusOr<TlsCerts> certs =
      rapporteur::testing::MakeTlsCerts(dir.path() + "/pki");
  ASSERT_THAT(certs.status(), IsOk());
  // Storage trusts its callers: TLS without client certificates is refused.
  Refusal one_way = RunToExit(
      "storage",
      {"--data=" + dir.path() + "/db", "--tls_cert_file=" + certs->server_cert,
       "--tls_key_file=" + certs->server_key},
      dir.path());
  EXPECT_EQ(one_way.exit_code, 2);
  EXPECT_THAT(one_way.log, HasSubstr("--tls_client_ca_file"));
}

}  // namespace
}  // namespace rapporteur
