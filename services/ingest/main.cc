// rapporteur-ingest: accepts reports and writes them to their storage shard.
#include "lib/ingest/ingester.h"
#include "lib/rpc/shard_client_main.h"
#include "services/ingest/ingest_service.h"

int main(int argc, char** argv) {
  return rapporteur::storage::RunShardClientMain(
      argc, argv, "ingest",
      "rapporteur-ingest --listen=HOST:PORT --storage=HOST:PORT[,...]",
      [](const rapporteur::storage::ShardClientContext& context) {
        rapporteur::ingest::Ingester ingester(context.shards);
        rapporteur::ingest::IngestServiceImpl service(
            &ingester, context.executor, context.tokens);
        return rapporteur::ServeUntilSignal(context.server, {&service});
      });
}
