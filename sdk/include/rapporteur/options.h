#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_OPTIONS_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_OPTIONS_H_

#include <chrono>
#include <string>

namespace rapporteur {

// How a Client reaches Rapporteur. The backend follows from the options,
// not from code: with `data_dir` set the client is embedded, otherwise it
// is remote.
struct Options {
  // Remote backend: HOST:PORT of the ingest service.
  std::string ingest_endpoint = "127.0.0.1:50052";
  // Remote backend: HOST:PORT of the query service.
  std::string query_endpoint = "127.0.0.1:50053";
  // Deadline of every remote call. Ingesting a long report takes a synced
  // write: keep this well above a second.
  std::chrono::milliseconds timeout{30000};
  // Largest message sent or received, in bytes.
  int max_message_bytes = 64 << 20;

  // Embedded backend: a local directory holding the data (created when
  // missing). The engines run in this process; no server is involved. One
  // process at a time may open a directory.
  std::string data_dir;
};

}  // namespace rapporteur

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_OPTIONS_H_
