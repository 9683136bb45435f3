#include "bench/search/http_load.h"

#include <httplib.h>

#include "absl/strings/str_cat.h"

namespace rapporteur::bench {

CallFactory RestSearchCalls(
    std::string host, int port,
    std::shared_ptr<const std::vector<std::string>> queries) {
  return [host = std::move(host), port, queries](int client) -> Call {
    auto connection = std::make_shared<httplib::Client>(host, port);
    connection->set_keep_alive(true);
    // A POST leaves as headers, then body: no 40 ms wait between them.
    connection->set_tcp_nodelay(true);
    connection->set_read_timeout(10, 0);
    auto next = std::make_shared<size_t>(static_cast<size_t>(client));
    return [connection, queries, next]() {
      const std::string& query = (*queries)[(*next)++ % queries->size()];
      const httplib::Result result = connection->Get(
          absl::StrCat("/v1/search?pageSize=10&query=",
                       httplib::detail::encode_query_param(query)));
      return result && result->status == 200;
    };
  };
}

}  // namespace rapporteur::bench
