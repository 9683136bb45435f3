#include "rapporteur/client.h"

#include "sdk/src/embedded_client.h"
#include "sdk/src/remote_client.h"

namespace rapporteur {

absl::StatusOr<v1::SearchResponse> Client::Search(const std::string& query,
                                                  int page_size) {
  v1::SearchRequest request;
  request.set_query(query);
  request.set_page_size(page_size);
  return Search(request);
}

absl::StatusOr<std::unique_ptr<Client>> MakeClient(const Options& options) {
  if (!options.data_dir.empty()) {
    return internal::MakeEmbeddedClient(options);
  }
  return internal::MakeRemoteClient(options);
}

}  // namespace rapporteur
