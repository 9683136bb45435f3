#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_OPTIONS_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_OPTIONS_H_

#include <chrono>
#include <string>
#include <vector>

namespace rapporteur {

// When and how a remote call is tried again. Only calls that are safe to
// repeat are retried: reads always, ingests because every one carries a
// request id (the SDK sets one when the caller does not), so a repeat is
// answered from the first write instead of making a second revision.
struct RetryOptions {
  // Attempts in all, the first included; 1 disables retries.
  int max_attempts = 4;
  // Wait before the first retry; each later wait is `multiplier` times
  // longer, up to `max_backoff`. Every wait is drawn uniformly between
  // zero and its bound ("full jitter"), so clients that failed together do
  // not retry together.
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  double multiplier = 2.0;
};

// TLS for remote calls. Off by default: the services listen in plain text
// on loopback unless deployed with certificates.
struct TlsOptions {
  bool enabled = false;
  // PEM of the certificate authorities trusted to sign the services'
  // certificates; empty means the system's roots.
  std::string root_certificates_pem;
  // PEM of this client's certificate and key, for mutual TLS; both or none.
  std::string client_certificate_pem;
  std::string client_key_pem;
  // Name to check the server certificate against instead of the endpoint's
  // host, e.g. when connecting by IP to a certificate for a DNS name.
  std::string server_name_override;
};

// How a Client reaches Rapporteur. The backend follows from the options,
// not from code: with `data_dir` set the client is embedded, otherwise it
// is remote.
struct Options {
  // Remote backend: HOST:PORT of the ingest service, or a gRPC target such
  // as "dns:///rapporteur-ingest-headless.NAMESPACE.svc:50051": a `dns:`
  // target's calls go round robin over every address the name resolves to
  // (inside Kubernetes, a headless Service's pods).
  std::string ingest_endpoint = "127.0.0.1:50052";
  // Remote backend: HOST:PORT (or `dns:` target, as `ingest_endpoint`) of
  // each query service replica. Calls go round
  // robin over them, and a retry goes to the next one, so one replica down
  // costs a retry, not an error.
  std::vector<std::string> query_endpoints = {"127.0.0.1:50053"};
  // Deadline of every remote call attempt. Ingesting a long report includes
  // a synced write: keep this well above a second.
  std::chrono::milliseconds timeout{30000};
  // Deadline of a whole BulkIngest stream.
  std::chrono::milliseconds bulk_timeout{std::chrono::hours(2)};
  // How long a BulkIngest waits out an outage: a broken stream is resumed,
  // and a document storage could not take (UNAVAILABLE, ABORTED,
  // DEADLINE_EXCEEDED) sent again with its request id, with backoff per
  // `retry`, until no document was answered for this long.
  std::chrono::milliseconds bulk_retry_window{std::chrono::seconds(60)};
  RetryOptions retry;
  TlsOptions tls;
  // Sent as `authorization: Bearer <token>` on every remote call when set.
  // Use with TLS anywhere but loopback: in plain text anyone on the path
  // reads it.
  std::string bearer_token;
  // Largest message sent or received, in bytes.
  int max_message_bytes = 64 << 20;
  // Threads running the *Async calls.
  int async_threads = 4;

  // Embedded backend: a local data directory (created when missing), laid
  // out as `rapporteur up --data=DIR` lays it out. The engines run in this
  // process; no server is involved. One process at a time may open a
  // directory.
  std::string data_dir;
  // Embedded backend: the key file of case records (`rapporteur cases keys
  // new` makes one; keep it outside data_dir). Empty: the keys in the
  // environment variable RAPPORTEUR_CASE_KEYS, if set; else case records
  // are off.
  std::string case_keys_file;
  // Embedded backend: the principal the in-process caller acts as, with
  // the admin role (it holds the data directory and the keys): case
  // access lists and the audit log name it.
  std::string principal = "local";
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_OPTIONS_H_
