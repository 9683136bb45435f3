#ifndef RAPPORTEUR_BENCH_SEARCH_HTTP_LOAD_H_
#define RAPPORTEUR_BENCH_SEARCH_HTTP_LOAD_H_

#include <memory>
#include <string>
#include <vector>

#include "bench/search/grpc_load.h"

namespace rapporteur::bench {

// RunLoad calls of the REST gateway at `host`:`port`: GET /v1/search with
// each query in turn (page size 10, as SearchCalls), each client over its
// own keep-alive connection; a call succeeds on HTTP 200.
CallFactory RestSearchCalls(
    std::string host, int port,
    std::shared_ptr<const std::vector<std::string>> queries);

}  // namespace rapporteur::bench

#endif  // RAPPORTEUR_BENCH_SEARCH_HTTP_LOAD_H_
