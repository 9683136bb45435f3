#ifndef RAPPORTEUR_TESTS_INTEGRATION_TLS_CERTS_H_
#define RAPPORTEUR_TESTS_INTEGRATION_TLS_CERTS_H_

#include <string>

#include "absl/status/statusor.h"

namespace rapporteur::testing {

// PEM files of a test PKI, made by the `openssl` command (paths):
//   ca            the service CA, self-signed;
//   server        signed by it, for DNS:localhost and IP:127.0.0.1;
//   client        a service client certificate signed by it;
//   rogue_client  a client certificate from another, untrusted CA.
struct TlsCerts {
  std::string ca_cert;
  std::string server_cert, server_key;
  std::string client_cert, client_key;
  std::string rogue_ca_cert;
  std::string rogue_client_cert, rogue_client_key;
};

// Writes a fresh PKI into `dir` (created when missing) with the `openssl`
// found in PATH. Fails naming the openssl step and its log when one fails.
// Keys are P-256: generating them takes milliseconds.
absl::StatusOr<TlsCerts> MakeTlsCerts(const std::string& dir);

// The absolute path of `program` in $PATH; NOT_FOUND when it is not there.
absl::StatusOr<std::string> FindInPath(const std::string& program);

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_INTEGRATION_TLS_CERTS_H_
