#ifndef RAPPORTEUR_LIB_RPC_TLS_H_
#define RAPPORTEUR_LIB_RPC_TLS_H_

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace rapporteur {

// PEM files watched for changes: credentials made from them read the files
// again every `refresh_interval` and use what they hold for new
// connections, so certificates rotated in place (cert-manager renewing a
// Kubernetes Secret) are used without a restart. Write a new key and
// certificate atomically (Kubernetes swaps a Secret volume's directory
// symlink): a key read with the other's certificate fails handshakes until
// the next read. Files that cannot be read keep the last credentials.
struct TlsFiles {
  // This side's certificate chain and private key; both or neither.
  std::string certificate;
  std::string private_key;
  // Certificate authorities trusted to sign the other side's certificate.
  std::string ca;
  // gRPC reads the files every whole second at most often.
  absl::Duration refresh_interval = absl::Seconds(30);

  bool empty() const {
    return certificate.empty() && private_key.empty() && ca.empty();
  }
};

// TLS of a server, as PEM text (read from files by main(); see
// server_flags.h). Off when `certificate_pem` is empty.
struct ServerTls {
  // The server's certificate chain and private key.
  std::string certificate_pem;
  std::string private_key_pem;
  // Certificate authorities whose client certificates are accepted. When
  // set, the server requires and verifies a client certificate (mutual
  // TLS): a client without one, or with one from another authority, fails
  // the handshake.
  std::string client_ca_pem;
  // When set (ca: the client authorities), the server serves and trusts
  // what these files hold at each handshake, starting with the PEM text
  // above, which main() read from them to report bad files before serving.
  TlsFiles files;

  bool enabled() const { return !certificate_pem.empty(); }
};

// TLS of a client's channel, as PEM text. Off when `enabled` is false.
struct ClientTls {
  bool enabled = false;
  // Authorities trusted to sign the server's certificate; empty: the
  // system's roots.
  std::string root_certificates_pem;
  // This client's certificate and key, for mutual TLS; both or neither.
  std::string certificate_pem;
  std::string private_key_pem;
  // Name to check the server's certificate against instead of the host of
  // the address (tests, or dialing by IP a certificate made for a name).
  std::string server_name_override;
  // When set (ca: the server authorities, as root_certificates_pem), the
  // channel trusts and presents what these files hold at each handshake.
  TlsFiles files;
};

// The credentials a grpc::ServerBuilder listens with: insecure when TLS is
// off, else TLS, requiring a verified client certificate when
// `client_ca_pem` is set. With `tls.files`, the certificate, key and client
// authorities are read from the files again as they change. INVALID_ARGUMENT
// when only one of certificate and key is given.
absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTls& tls);

// The credentials of a channel: insecure when TLS is off, else TLS, from
// `tls.files` when set (read again as they change; the server's name is
// checked against its certificate as without them). INVALID_ARGUMENT when only
// one of certificate and key is given.
absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>>
MakeChannelCredentials(const ClientTls& tls);

// The content of the PEM file `path`, given by flag `flag` ("tls_cert_file"),
// for an error that names both: NOT_FOUND when it cannot be read,
// INVALID_ARGUMENT when it holds no PEM block. An empty path gives "".
absl::StatusOr<std::string> ReadPemFlag(absl::string_view flag,
                                        const std::string& path);

// Whether the host of `address` ("HOST:PORT", "[V6]:PORT", "HOST") is a
// loopback address: 127.0.0.0/8, ::1 or "localhost". Plain text is safe
// only there: anything else may be reached, or listened to, by others.
bool IsLoopbackAddress(absl::string_view address);

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_TLS_H_
