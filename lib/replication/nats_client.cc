#include "lib/replication/nats_client.h"

#include <nats/nats.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "lib/base/log.h"
#include "lib/base/status_macros.h"

namespace rapporteur::replication {
namespace {

int64_t Millis(absl::Duration d) {
  return std::max<int64_t>(1, absl::ToInt64Milliseconds(d));
}

std::string Text(absl::string_view s) { return std::string(s); }

KeyValueEntry ToKeyValueEntry(kvEntry* entry) {
  return KeyValueEntry{
      .value = std::string(static_cast<const char*>(kvEntry_Value(entry)),
                           static_cast<size_t>(kvEntry_ValueLen(entry))),
      .revision = kvEntry_Revision(entry)};
}

}  // namespace

absl::Status NatsError(int nats_status, int jetstream_error,
                       absl::string_view what) {
  const auto status = static_cast<natsStatus>(nats_status);
  std::string message = absl::StrCat(what, ": ", natsStatus_GetText(status));
  if (jetstream_error != 0) {
    absl::StrAppend(&message, " (JetStream error ", jetstream_error, ")");
  }
  // The thread's last error, when it is this one's (it is not cleared).
  natsStatus last = NATS_OK;
  if (const char* detail = nats_GetLastError(&last);
      last == status && detail != nullptr && *detail != '\0') {
    absl::StrAppend(&message, ": ", detail);
  }
  switch (jetstream_error) {
    case JSStreamNotFoundErr:
    case JSConsumerNotFoundErr:
    case JSNoMessageFoundErr:
      return absl::NotFoundError(message);
    case JSStreamWrongLastSequenceErr:
      return absl::AbortedError(message);
    default:
      break;
  }
  switch (status) {
    case NATS_NOT_FOUND:
      return absl::NotFoundError(message);
    case NATS_TIMEOUT:
      return absl::DeadlineExceededError(message);
    case NATS_NO_RESPONDERS:
    case NATS_NO_SERVER:
    case NATS_CONNECTION_CLOSED:
    case NATS_CONNECTION_DISCONNECTED:
    case NATS_STALE_CONNECTION:
    case NATS_IO_ERROR:
      return absl::UnavailableError(message);
    case NATS_INVALID_ARG:
      return absl::InvalidArgumentError(message);
    default:
      return absl::UnavailableError(message);
  }
}

absl::StatusOr<std::unique_ptr<NatsClient>> NatsClient::Connect(
    absl::string_view urls, absl::string_view name, absl::Duration timeout) {
  if (urls.empty()) {
    return absl::InvalidArgumentError(
        "--nats is empty: give nats://HOST:PORT[,nats://HOST:PORT...]");
  }
  // libnats 3.4 takes a comma-separated list in SetURL but then fails to
  // connect when any server is down: give the servers one by one.
  const std::vector<std::string> servers =
      absl::StrSplit(urls, ',', absl::SkipWhitespace());
  std::vector<const char*> server_ptrs;
  for (const std::string& server : servers) {
    server_ptrs.push_back(server.c_str());
  }
  natsOptions* options = nullptr;
  natsStatus s = natsOptions_Create(&options);
  if (s == NATS_OK) {
    s = natsOptions_SetServers(options, server_ptrs.data(),
                               static_cast<int>(server_ptrs.size()));
  }
  if (s == NATS_OK) s = natsOptions_SetName(options, Text(name).c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(options, Millis(timeout));
  // Storage and services outlive any one NATS server: reconnect forever.
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(options, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(options, 250);
  // A dead server is noticed in about two seconds rather than minutes.
  if (s == NATS_OK) s = natsOptions_SetPingInterval(options, 1000);
  if (s == NATS_OK) s = natsOptions_SetMaxPingsOut(options, 2);
  natsConnection* connection = nullptr;
  if (s == NATS_OK) s = natsConnection_Connect(&connection, options);
  natsOptions_Destroy(options);
  if (s != NATS_OK) {
    return NatsError(s, 0, absl::StrCat("connecting to NATS at ", urls));
  }
  jsOptions js_options;
  jsOptions_Init(&js_options);
  js_options.Wait = Millis(timeout);
  jsCtx* jetstream = nullptr;
  s = natsConnection_JetStream(&jetstream, connection, &js_options);
  if (s != NATS_OK) {
    natsConnection_Destroy(connection);
    return NatsError(s, 0, "opening JetStream");
  }
  return std::unique_ptr<NatsClient>(
      new NatsClient(std::string(urls), connection, jetstream));
}

bool TermSignalPending() {
  sigset_t pending;
  sigemptyset(&pending);
  return sigpending(&pending) == 0 && (sigismember(&pending, SIGTERM) == 1 ||
                                       sigismember(&pending, SIGINT) == 1);
}

absl::StatusOr<std::unique_ptr<NatsClient>> ConnectNatsWhenUp(
    absl::string_view urls, absl::string_view name) {
  bool logged = false;
  while (true) {
    absl::StatusOr<std::unique_ptr<NatsClient>> nats =
        NatsClient::Connect(urls, name);
    if (nats.ok() || !absl::IsUnavailable(nats.status())) {
      return nats;
    }
    if (!logged) {
      LogInfo("waiting for NATS",
              {{"error", std::string(nats.status().message())}});
      logged = true;
    }
    if (TermSignalPending()) {
      return absl::CancelledError("stopped while waiting for NATS");
    }
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
}

NatsClient::~NatsClient() {
  {
    MutexLock lock(&buckets_mu_);
    for (auto& [name, bucket] : buckets_) {
      kvStore_Destroy(bucket);
    }
  }
  jsCtx_Destroy(jetstream_);
  natsConnection_Close(connection_);
  natsConnection_Destroy(connection_);
}

int64_t NatsClient::max_payload() const {
  return natsConnection_GetMaxPayload(connection_);
}

absl::Status NatsClient::EnsureStream(absl::string_view name,
                                      absl::string_view subject, int replicas,
                                      absl::Duration duplicate_window) {
  const std::string stream_name(name);
  const std::string subject_name(subject);
  const char* subjects[] = {subject_name.c_str()};
  jsStreamConfig config;
  jsStreamConfig_Init(&config);
  config.Name = stream_name.c_str();
  config.Subjects = subjects;
  config.SubjectsLen = 1;
  config.Storage = js_FileStorage;
  config.Replicas = replicas;
  config.Duplicates = absl::ToInt64Nanoseconds(duplicate_window);
  config.Retention = js_LimitsPolicy;
  config.AllowDirect = true;
  jsStreamInfo* info = nullptr;
  jsErrCode error = static_cast<jsErrCode>(0);
  natsStatus s = js_AddStream(&info, jetstream_, &config, nullptr, &error);
  if (s == NATS_OK) {
    jsStreamInfo_Destroy(info);
    return absl::OkStatus();
  }
  if (error != JSStreamNameExistErr) {
    return NatsError(s, error, absl::StrCat("creating stream ", name));
  }
  // It exists with another configuration: acceptable when it keeps as many
  // copies (a duplicate window changed by an operator is theirs to keep).
  s = js_GetStreamInfo(&info, jetstream_, stream_name.c_str(), nullptr, &error);
  if (s != NATS_OK) {
    return NatsError(s, error, absl::StrCat("reading stream ", name));
  }
  const int64_t existing = info->Config->Replicas;
  jsStreamInfo_Destroy(info);
  if (existing != replicas) {
    return absl::FailedPreconditionError(
        absl::StrCat("stream ", name, " exists with ", existing,
                     " replicas, not ", replicas));
  }
  return absl::OkStatus();
}

absl::StatusOr<StreamState> NatsClient::GetStreamState(absl::string_view name) {
  jsStreamInfo* info = nullptr;
  jsErrCode error = static_cast<jsErrCode>(0);
  natsStatus s =
      js_GetStreamInfo(&info, jetstream_, Text(name).c_str(), nullptr, &error);
  if (s != NATS_OK) {
    return NatsError(s, error, absl::StrCat("reading stream ", name));
  }
  StreamState state{.first_sequence = info->State.FirstSeq,
                    .last_sequence = info->State.LastSeq,
                    .messages = info->State.Msgs,
                    .created = info->Created};
  jsStreamInfo_Destroy(info);
  return state;
}

absl::Status NatsClient::PurgeBelow(absl::string_view name,
                                    uint64_t keep_from) {
  jsOptions options;
  jsOptions_Init(&options);
  options.Stream.Purge.Sequence = keep_from;
  jsErrCode error = static_cast<jsErrCode>(0);
  natsStatus s =
      js_PurgeStream(jetstream_, Text(name).c_str(), &options, &error);
  if (s != NATS_OK) {
    return NatsError(s, error, absl::StrCat("purging stream ", name));
  }
  return absl::OkStatus();
}

absl::StatusOr<PublishAck> NatsClient::Publish(absl::string_view subject,
                                               absl::string_view data,
                                               absl::string_view message_id,
                                               absl::Duration timeout) {
  const std::string id(message_id);
  jsPubOptions options;
  jsPubOptions_Init(&options);
  options.MsgId = id.empty() ? nullptr : id.c_str();
  options.MaxWait = Millis(timeout);
  jsPubAck* ack = nullptr;
  jsErrCode error = static_cast<jsErrCode>(0);
  natsStatus s =
      js_Publish(&ack, jetstream_, Text(subject).c_str(), data.data(),
                 static_cast<int>(data.size()), &options, &error);
  if (s != NATS_OK) {
    return NatsError(s, error, absl::StrCat("publishing to ", subject));
  }
  PublishAck result{.sequence = ack->Sequence, .duplicate = ack->Duplicate};
  jsPubAck_Destroy(ack);
  return result;
}

absl::Status NatsClient::EnsureBucket(absl::string_view bucket, int replicas) {
  const std::string name(bucket);
  kvConfig config;
  kvConfig_Init(&config);
  config.Bucket = name.c_str();
  config.History = 1;
  config.Replicas = replicas;
  config.StorageType = js_FileStorage;
  kvStore* store = nullptr;
  natsStatus s = js_CreateKeyValue(&store, jetstream_, &config);
  if (s != NATS_OK) {
    return NatsError(s, 0, absl::StrCat("creating key-value bucket ", bucket));
  }
  kvStore_Destroy(store);
  return absl::OkStatus();
}

absl::StatusOr<kvStore*> NatsClient::Bucket(absl::string_view bucket) {
  MutexLock lock(&buckets_mu_);
  if (auto it = buckets_.find(bucket); it != buckets_.end()) {
    return it->second;
  }
  kvStore* store = nullptr;
  natsStatus s = js_KeyValue(&store, jetstream_, Text(bucket).c_str());
  if (s != NATS_OK) {
    return NatsError(s, 0, absl::StrCat("opening key-value bucket ", bucket));
  }
  buckets_.emplace(bucket, store);
  return store;
}

absl::StatusOr<KeyValueEntry> NatsClient::Get(absl::string_view bucket,
                                              absl::string_view key) {
  ABSL_ASSIGN_OR_RETURN(kvStore * store, Bucket(bucket));
  kvEntry* entry = nullptr;
  natsStatus s = kvStore_Get(&entry, store, Text(key).c_str());
  if (s != NATS_OK) {
    return NatsError(s, 0, absl::StrCat("reading ", bucket, "/", key));
  }
  KeyValueEntry result = ToKeyValueEntry(entry);
  kvEntry_Destroy(entry);
  return result;
}

absl::StatusOr<uint64_t> NatsClient::Put(absl::string_view bucket,
                                         absl::string_view key,
                                         absl::string_view value) {
  ABSL_ASSIGN_OR_RETURN(kvStore * store, Bucket(bucket));
  uint64_t revision = 0;
  natsStatus s = kvStore_Put(&revision, store, Text(key).c_str(), value.data(),
                             static_cast<int>(value.size()));
  if (s != NATS_OK) {
    return NatsError(s, 0, absl::StrCat("writing ", bucket, "/", key));
  }
  return revision;
}

absl::StatusOr<uint64_t> NatsClient::CompareAndSet(absl::string_view bucket,
                                                   absl::string_view key,
                                                   absl::string_view value,
                                                   uint64_t last_revision) {
  ABSL_ASSIGN_OR_RETURN(kvStore * store, Bucket(bucket));
  uint64_t revision = 0;
  const std::string name(key);
  natsStatus s =
      last_revision == 0
          ? kvStore_Create(&revision, store, name.c_str(), value.data(),
                           static_cast<int>(value.size()))
          : kvStore_Update(&revision, store, name.c_str(), value.data(),
                           static_cast<int>(value.size()), last_revision);
  if (s != NATS_OK) {
    absl::Status error =
        NatsError(s, 0, absl::StrCat("updating ", bucket, "/", key));
    // libnats reports a lost race as a plain error whose text names the
    // server's "wrong last sequence" (or, creating, that the key exists).
    if (absl::StrContains(error.message(), "wrong last sequence") ||
        absl::StrContains(error.message(), "key exists")) {
      return absl::AbortedError(error.message());
    }
    return error;
  }
  return revision;
}

absl::StatusOr<std::vector<std::pair<std::string, KeyValueEntry>>>
NatsClient::List(absl::string_view bucket) {
  ABSL_ASSIGN_OR_RETURN(kvStore * store, Bucket(bucket));
  // How many values the bucket holds, from its stream's leader: a watcher
  // served by a server cut off from the others can replay fewer, and a
  // partial shard map would look like replicas leaving their partitions.
  kvStatus* status = nullptr;
  natsStatus s = kvStore_Status(&status, store);
  if (s != NATS_OK) {
    return NatsError(s, 0, absl::StrCat("reading the size of ", bucket));
  }
  const uint64_t expected = kvStatus_Values(status);
  kvStatus_Destroy(status);
  kvWatchOptions options;
  kvWatchOptions_Init(&options);
  kvWatcher* watcher = nullptr;
  s = kvStore_WatchAll(&watcher, store, &options);
  if (s != NATS_OK) {
    return NatsError(s, 0, absl::StrCat("listing ", bucket));
  }
  std::vector<std::pair<std::string, KeyValueEntry>> entries;
  uint64_t replayed = 0;
  // The watcher first replays the current values, then a null entry.
  while (true) {
    kvEntry* entry = nullptr;
    s = kvWatcher_Next(&entry, watcher, 5000);
    if (s != NATS_OK) {
      kvWatcher_Destroy(watcher);
      return NatsError(s, 0, absl::StrCat("listing ", bucket));
    }
    if (entry == nullptr) {
      break;
    }
    ++replayed;
    if (kvEntry_Operation(entry) != kvOp_Put) {
      kvEntry_Destroy(entry);  // a deleted key: counted, not listed
      continue;
    }
    entries.emplace_back(kvEntry_Key(entry), ToKeyValueEntry(entry));
    kvEntry_Destroy(entry);
  }
  kvWatcher_Destroy(watcher);
  // Keys are only added or replaced: a whole replay has at least as many.
  if (replayed < expected) {
    return absl::UnavailableError(
        absl::StrCat("listing ", bucket, " returned ", replayed, " of ",
                     expected, " values (a server cut off from the others?)"));
  }
  return entries;
}

}  // namespace rapporteur::replication
