#include "tests/integration/tls_certs.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/status_macros.h"
#include "lib/base/subprocess.h"

namespace rapporteur::testing {
namespace {

// Runs openssl with `args`; its output goes to `log`.
absl::Status RunOpenssl(const std::string& openssl,
                        const std::vector<std::string>& args,
                        const std::string& log, const std::string& step) {
  ABSL_ASSIGN_OR_RETURN(Subprocess process,
                        Subprocess::Spawn(openssl, args, log));
  const int code = process.Wait(absl::Seconds(60));
  if (code != 0) {
    return absl::InternalError(
        absl::StrCat("openssl (", step, ") exited with ", code, "; see ", log));
  }
  return absl::OkStatus();
}

// A self-signed CA named `name` at `prefix`.{crt,key}.
absl::Status MakeCa(const std::string& openssl, const std::string& prefix,
                    const std::string& name, const std::string& log) {
  return RunOpenssl(
      openssl,
      {"req", "-x509", "-newkey", "ec", "-pkeyopt",
       "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj",
       absl::StrCat("/CN=", name), "-addext",
       "basicConstraints=critical,CA:TRUE", "-addext",
       "keyUsage=critical,keyCertSign,cRLSign", "-keyout",
       absl::StrCat(prefix, ".key"), "-out", absl::StrCat(prefix, ".crt")},
      log, absl::StrCat("CA ", name));
}

// A key and a certificate at `prefix`.{crt,key}, signed by the CA at
// `ca_prefix`, with the X.509 v3 extensions `extensions` (config lines).
absl::Status MakeLeaf(const std::string& openssl, const std::string& prefix,
                      const std::string& name, const std::string& ca_prefix,
                      const std::string& extensions, const std::string& log) {
  const std::string csr = absl::StrCat(prefix, ".csr");
  const std::string ext_file = absl::StrCat(prefix, ".ext");
  std::ofstream(ext_file) << extensions;
  ABSL_RETURN_IF_ERROR(
      RunOpenssl(openssl,
                 {"req", "-new", "-newkey", "ec", "-pkeyopt",
                  "ec_paramgen_curve:prime256v1", "-nodes", "-subj",
                  absl::StrCat("/CN=", name), "-keyout",
                  absl::StrCat(prefix, ".key"), "-out", csr},
                 log, absl::StrCat("request for ", name)));
  return RunOpenssl(
      openssl,
      {"x509", "-req", "-in", csr, "-CA", absl::StrCat(ca_prefix, ".crt"),
       "-CAkey", absl::StrCat(ca_prefix, ".key"), "-CAcreateserial", "-days",
       "2", "-extfile", ext_file, "-out", absl::StrCat(prefix, ".crt")},
      log, absl::StrCat("signing ", name));
}

}  // namespace

absl::StatusOr<std::string> FindInPath(const std::string& program) {
  const char* path = std::getenv("PATH");
  for (absl::string_view dir :
       absl::StrSplit(path == nullptr ? "/usr/bin:/bin" : path, ':')) {
    const std::string candidate = absl::StrCat(dir, "/", program);
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
  }
  return absl::NotFoundError(absl::StrCat(program, " is not in PATH"));
}

absl::StatusOr<TlsCerts> MakeTlsCerts(const std::string& dir) {
  ABSL_ASSIGN_OR_RETURN(const std::string openssl, FindInPath("openssl"));
  std::filesystem::create_directories(dir);
  const std::string log = absl::StrCat(dir, "/openssl.log");
  const std::string ca = absl::StrCat(dir, "/ca");
  const std::string rogue_ca = absl::StrCat(dir, "/rogue-ca");
  ABSL_RETURN_IF_ERROR(MakeCa(openssl, ca, "Rapporteur test service CA", log));
  ABSL_RETURN_IF_ERROR(MakeCa(openssl, rogue_ca, "Rogue CA", log));
  ABSL_RETURN_IF_ERROR(
      MakeLeaf(openssl, absl::StrCat(dir, "/server"), "localhost", ca,
               "basicConstraints=CA:FALSE\n"
               "keyUsage=critical,digitalSignature,keyEncipherment\n"
               "extendedKeyUsage=serverAuth\n"
               "subjectAltName=DNS:localhost,IP:127.0.0.1\n",
               log));
  const std::string client_extensions =
      "basicConstraints=CA:FALSE\n"
      "keyUsage=critical,digitalSignature,keyEncipherment\n"
      "extendedKeyUsage=clientAuth\n";
  ABSL_RETURN_IF_ERROR(MakeLeaf(openssl, absl::StrCat(dir, "/client"),
                                "rapporteur-ingest", ca, client_extensions,
                                log));
  ABSL_RETURN_IF_ERROR(MakeLeaf(openssl, absl::StrCat(dir, "/rogue-client"),
                                "rapporteur-ingest", rogue_ca,
                                client_extensions, log));
  TlsCerts certs;
  certs.ca_cert = absl::StrCat(ca, ".crt");
  certs.server_cert = absl::StrCat(dir, "/server.crt");
  certs.server_key = absl::StrCat(dir, "/server.key");
  certs.client_cert = absl::StrCat(dir, "/client.crt");
  certs.client_key = absl::StrCat(dir, "/client.key");
  certs.rogue_ca_cert = absl::StrCat(rogue_ca, ".crt");
  certs.rogue_client_cert = absl::StrCat(dir, "/rogue-client.crt");
  certs.rogue_client_key = absl::StrCat(dir, "/rogue-client.key");
  return certs;
}

}  // namespace rapporteur::testing
