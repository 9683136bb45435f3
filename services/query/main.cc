// rapporteur-query: answers searches and lookups over the storage shards,
// and serves case records (CaseService) when given their keys.
#include "absl/flags/flag.h"
#include "lib/base/log.h"
#include "lib/cases/case_engine.h"
#include "lib/cases/keyring.h"
#include "lib/query/query_engine.h"
#include "lib/rpc/shard_client_main.h"
#include "services/query/case_service.h"
#include "services/query/query_service.h"

ABSL_FLAG(std::string, case_keys, "",
          "Key file of case records (`rapporteur cases keys new` makes one; "
          "keep it outside data directories, mode 0600); empty: the keys in "
          "the environment variable RAPPORTEUR_CASE_KEYS, else case records "
          "are off (FAILED_PRECONDITION)");

int main(int argc, char** argv) {
  return rapporteur::storage::RunShardClientMain(
      argc, argv, "query",
      "rapporteur-query --listen=HOST:PORT --storage=HOST:PORT[,...]",
      [](const rapporteur::storage::ShardClientContext& context)
          -> absl::Status {
        absl::StatusOr<std::optional<rapporteur::cases::Keyring>> keys =
            rapporteur::cases::ConfiguredKeyring(
                absl::GetFlag(FLAGS_case_keys));
        if (!keys.ok()) {
          return keys.status();
        }
        if (!keys->has_value()) {
          rapporteur::LogInfo(
              "case records are off: no --case_keys or RAPPORTEUR_CASE_KEYS");
        }
        rapporteur::query::QueryEngine engine(context.shards);
        rapporteur::query::QueryServiceImpl service(&engine, context.executor,
                                                    context.tokens);
        rapporteur::cases::CaseEngine cases(
            context.shards, keys->has_value() ? &**keys : nullptr);
        rapporteur::cases::CaseServiceImpl case_service(
            &cases, context.executor, context.tokens);
        return rapporteur::ServeUntilSignal(context.server,
                                            {&service, &case_service});
      });
}
