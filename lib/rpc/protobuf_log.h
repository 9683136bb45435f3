#ifndef RAPPORTEUR_LIB_RPC_PROTOBUF_LOG_H_
#define RAPPORTEUR_LIB_RPC_PROTOBUF_LOG_H_

#include <string>

namespace rapporteur {

// Sends what the protobuf library logs (by default plain
// "[libprotobuf ERROR ...]" lines on stderr) to the JSON log instead, as
// lines with msg "protobuf: ...", level, file and line. Errors met while
// parsing a message ("String field 'x' contains invalid UTF-8 data when
// parsing a protocol buffer") are not logged: they describe input, which
// its reader reports, so they are kept for TakeProtobufParseError() on the
// thread that parsed. The first call installs the handler; later calls do
// nothing. Thread-safe.
void RouteProtobufLogsToJson();

// The last parse error protobuf reported on this thread since the last
// call (or since ForgetProtobufParseError()), and forgets it; "" when none.
std::string TakeProtobufParseError();

// Forgets this thread's parse error, before a parse whose error is wanted.
void ForgetProtobufParseError();

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_RPC_PROTOBUF_LOG_H_
