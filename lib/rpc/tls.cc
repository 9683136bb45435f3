#include "lib/rpc/tls.h"

#include <arpa/inet.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/security/tls_certificate_provider.h>
#include <grpcpp/security/tls_certificate_verifier.h>
#include <grpcpp/security/tls_credentials_options.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace rapporteur {
namespace {

// The host part of "HOST:PORT", "[V6]:PORT", "V6" or "HOST", without
// brackets. Prefixes such as "ipv4:" or "dns:///" are not addresses our
// flags take, and are kept, so they never count as loopback.
absl::string_view HostOf(absl::string_view address) {
  if (absl::StartsWith(address, "[")) {
    const size_t close = address.find(']');
    return close == absl::string_view::npos ? address
                                            : address.substr(1, close - 1);
  }
  const size_t colon = address.find(':');
  if (colon != absl::string_view::npos &&
      address.find(':', colon + 1) != absl::string_view::npos) {
    return address;  // a bare IPv6 address, no port
  }
  return colon == absl::string_view::npos ? address : address.substr(0, colon);
}

// gRPC's refresh interval: whole seconds, at least one.
unsigned int RefreshSeconds(absl::Duration interval) {
  return static_cast<unsigned int>(
      std::max<int64_t>(1, absl::ToInt64Seconds(interval)));
}

// Watches `files`: identity (certificate and key) and authorities, either
// of which may be absent.
std::shared_ptr<grpc::experimental::FileWatcherCertificateProvider> Watch(
    const TlsFiles& files) {
  return std::make_shared<grpc::experimental::FileWatcherCertificateProvider>(
      files.private_key, files.certificate, files.ca,
      RefreshSeconds(files.refresh_interval));
}

}  // namespace

absl::StatusOr<std::shared_ptr<grpc::ServerCredentials>> MakeServerCredentials(
    const ServerTls& tls) {
  if (tls.certificate_pem.empty() != tls.private_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs both a certificate and its private key");
  }
  if (!tls.enabled()) {
    if (!tls.client_ca_pem.empty()) {
      return absl::InvalidArgumentError(
          "a client CA (mutual TLS) needs a server certificate and key");
    }
    return grpc::InsecureServerCredentials();
  }
  if (!tls.files.empty()) {
    if (tls.files.certificate.empty() || tls.files.private_key.empty() ||
        tls.files.ca.empty() != tls.client_ca_pem.empty()) {
      return absl::InvalidArgumentError(
          "TLS files need the certificate and key, and the client CA file "
          "exactly when a client CA is given");
    }
    grpc::experimental::TlsServerCredentialsOptions options(Watch(tls.files));
    options.watch_identity_key_cert_pairs();
    if (tls.files.ca.empty()) {
      options.set_cert_request_type(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    } else {
      options.watch_root_certs();
      options.set_cert_request_type(
          GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    }
    return grpc::experimental::TlsServerCredentials(options);
  }
  grpc::SslServerCredentialsOptions ssl(
      tls.client_ca_pem.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = tls.client_ca_pem;
  ssl.pem_key_cert_pairs.push_back(
      {.private_key = tls.private_key_pem, .cert_chain = tls.certificate_pem});
  return grpc::SslServerCredentials(ssl);
}

absl::StatusOr<std::shared_ptr<grpc::ChannelCredentials>>
MakeChannelCredentials(const ClientTls& tls) {
  if (tls.certificate_pem.empty() != tls.private_key_pem.empty()) {
    return absl::InvalidArgumentError(
        "a TLS client certificate needs its private key, and the key its "
        "certificate");
  }
  if (!tls.enabled) {
    return grpc::InsecureChannelCredentials();
  }
  if (!tls.files.empty()) {
    if (tls.files.ca.empty() ||
        tls.files.certificate.empty() != tls.files.private_key.empty()) {
      return absl::InvalidArgumentError(
          "TLS files of a channel need the server CA file, and the client "
          "certificate and key together");
    }
    grpc::experimental::TlsChannelCredentialsOptions options;
    options.set_certificate_provider(Watch(tls.files));
    options.watch_root_certs();
    if (!tls.files.certificate.empty()) {
      options.watch_identity_key_cert_pairs();
    }
    // As SslCredentials do: the server's certificate must name the host
    // dialed (or the override).
    options.set_verify_server_certs(true);
    options.set_certificate_verifier(
        std::make_shared<grpc::experimental::HostNameCertificateVerifier>());
    return grpc::experimental::TlsCredentials(options);
  }
  grpc::SslCredentialsOptions ssl;
  ssl.pem_root_certs = tls.root_certificates_pem;
  ssl.pem_cert_chain = tls.certificate_pem;
  ssl.pem_private_key = tls.private_key_pem;
  return grpc::SslCredentials(ssl);
}

absl::StatusOr<std::string> ReadPemFlag(absl::string_view flag,
                                        const std::string& path) {
  if (path.empty()) {
    return std::string();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in.is_open()) {
    return absl::NotFoundError(
        absl::StrCat("--", flag, "=", path, ": cannot open the file"));
  }
  std::stringstream content;
  content << in.rdbuf();
  std::string pem = content.str();
  if (!absl::StrContains(pem, "-----BEGIN ")) {
    return absl::InvalidArgumentError(absl::StrCat(
        "--", flag, "=", path, ": not a PEM file (no -----BEGIN line)"));
  }
  return pem;
}

bool IsLoopbackAddress(absl::string_view address) {
  const std::string host = absl::AsciiStrToLower(HostOf(address));
  if (host == "localhost") {
    return true;
  }
  in_addr v4;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6;
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    return IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

}  // namespace rapporteur
