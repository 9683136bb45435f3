// rapporteur-query: answers searches and lookups over the storage shards.
#include "lib/query/query_engine.h"
#include "lib/rpc/shard_client_main.h"
#include "services/query/query_service.h"

int main(int argc, char** argv) {
  return rapporteur::storage::RunShardClientMain(
      argc, argv, "query",
      "rapporteur-query --listen=HOST:PORT --storage=HOST:PORT[,...]",
      [](const rapporteur::storage::ShardClientContext& context) {
        rapporteur::query::QueryEngine engine(context.shards);
        rapporteur::query::QueryServiceImpl service(&engine, context.executor,
                                                    context.tokens);
        return rapporteur::ServeUntilSignal(context.server, {&service});
      });
}
