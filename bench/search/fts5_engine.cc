// SQLite FTS5: one table with the text indexed (porter stemmer over
// unicode61 tokens, as the other engines stem) and the attributes stored
// UNINDEXED, filtered by WHERE; terms joined by AND (OR for a query of any
// word); ranked by bm25(). A transaction per
// document, as Rapporteur writes a document per batch; WAL journal.

#include <sqlite3.h>

#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "bench/search/engine.h"

namespace rapporteur::bench {
namespace {

// A phrase in FTS5's syntax: in double quotes, inner quotes doubled.
std::string Fts5String(const std::string& text) {
  return absl::StrCat("\"", absl::StrReplaceAll(text, {{"\"", "\"\""}}), "\"");
}

class Fts5Engine final : public SearchEngine {
 public:
  Fts5Engine(std::string dir, bool synchronous_full)
      : dir_(std::move(dir)), synchronous_full_(synchronous_full) {}
  ~Fts5Engine() override {
    for (sqlite3_stmt* statement : queries_) {
      sqlite3_finalize(statement);
    }
    sqlite3_close(db_);
  }

  absl::Status Open() {
    const std::string path = dir_ + "/index.db";
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
      return Error("open");
    }
    return Exec(absl::StrCat(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=",
        synchronous_full_ ? "FULL" : "OFF",
        "; CREATE VIRTUAL TABLE p USING fts5(body, country UNINDEXED, "
        "year UNINDEXED, tokenize='porter unicode61');"));
  }

  std::string name() const override {
    return synchronous_full_ ? "SQLite FTS5 (synchronous=FULL)"
                             : "SQLite FTS5 (synchronous=OFF)";
  }

  absl::Status Index(const std::vector<BenchParagraph>& paragraphs) override {
    sqlite3_stmt* insert = nullptr;
    if (sqlite3_prepare_v2(
            db_, "INSERT INTO p(rowid, body, country, year) VALUES (?,?,?,?)",
            -1, &insert, nullptr) != SQLITE_OK) {
      return Error("prepare insert");
    }
    absl::Status status;
    for (size_t i = 0; i < paragraphs.size() && status.ok(); ++i) {
      const BenchParagraph& paragraph = paragraphs[i];
      if (paragraph.id % kParagraphsPerDocument == 0) {
        status = Exec("BEGIN");
      }
      sqlite3_bind_int64(insert, 1, paragraph.id);
      sqlite3_bind_text(insert, 2, paragraph.text.data(),
                        static_cast<int>(paragraph.text.size()), SQLITE_STATIC);
      sqlite3_bind_text(insert, 3, paragraph.country.data(),
                        static_cast<int>(paragraph.country.size()),
                        SQLITE_STATIC);
      sqlite3_bind_int(insert, 4, paragraph.year);
      if (status.ok() && sqlite3_step(insert) != SQLITE_DONE) {
        status = Error("insert");
      }
      sqlite3_reset(insert);
      if (status.ok() && (paragraph.id % kParagraphsPerDocument ==
                              kParagraphsPerDocument - 1 ||
                          i + 1 == paragraphs.size())) {
        status = Exec("COMMIT");
      }
    }
    sqlite3_finalize(insert);
    return status;
  }

  absl::StatusOr<std::vector<uint32_t>> Query(const BenchQuery& query,
                                              int k) override {
    std::vector<std::string> parts;
    for (const std::string& word : query.words) {
      parts.push_back(Fts5String(word));
    }
    for (const std::vector<std::string>& phrase : query.phrases) {
      parts.push_back(Fts5String(absl::StrJoin(phrase, " ")));
    }
    const std::string match =
        absl::StrJoin(parts, query.any ? " OR " : " AND ");
    // One prepared statement per filter shape: 0 none, 1 country, 2 year,
    // 3 both.
    const int shape =
        (query.country.empty() ? 0 : 1) | (query.year == 0 ? 0 : 2);
    sqlite3_stmt*& statement = queries_[shape];
    if (statement == nullptr) {
      std::string sql = "SELECT rowid FROM p WHERE p MATCH ?1";
      if (shape & 1) {
        sql += " AND country = ?2";
      }
      if (shape & 2) {
        sql += " AND year = ?3";
      }
      sql += " ORDER BY bm25(p) LIMIT ?4";
      if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) !=
          SQLITE_OK) {
        return Error("prepare query");
      }
    }
    sqlite3_bind_text(statement, 1, match.data(),
                      static_cast<int>(match.size()), SQLITE_TRANSIENT);
    if (shape & 1) {
      sqlite3_bind_text(statement, 2, query.country.data(),
                        static_cast<int>(query.country.size()),
                        SQLITE_TRANSIENT);
    }
    if (shape & 2) {
      sqlite3_bind_int(statement, 3, query.year);
    }
    sqlite3_bind_int(statement, 4, k);
    std::vector<uint32_t> ids;
    int step;
    while ((step = sqlite3_step(statement)) == SQLITE_ROW) {
      ids.push_back(static_cast<uint32_t>(sqlite3_column_int64(statement, 0)));
    }
    absl::Status status = step == SQLITE_DONE
                              ? absl::OkStatus()
                              : Error(absl::StrCat("query ", match));
    sqlite3_reset(statement);
    if (!status.ok()) {
      return status;
    }
    return ids;
  }

  uint64_t IndexBytes() const override { return FolderBytes(dir_); }

  // The text is the p_content shadow table, whose pages SQLite's dbstat
  // table counts; nullopt when this SQLite is built without it.
  std::optional<uint64_t> IndexBytesWithoutText() const override {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(
            db_, "SELECT SUM(pgsize) FROM dbstat WHERE name = 'p_content'", -1,
            &statement, nullptr) != SQLITE_OK) {
      sqlite3_finalize(statement);
      return std::nullopt;
    }
    std::optional<uint64_t> without;
    if (sqlite3_step(statement) == SQLITE_ROW) {
      const uint64_t text =
          static_cast<uint64_t>(sqlite3_column_int64(statement, 0));
      const uint64_t all = FolderBytes(dir_);
      without = all > text ? all - text : 0;
    }
    sqlite3_finalize(statement);
    return without;
  }

 private:
  absl::Status Exec(const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) !=
        SQLITE_OK) {
      std::string text = message == nullptr ? "" : message;
      sqlite3_free(message);
      return absl::InternalError(absl::StrCat("sqlite: ", sql, ": ", text));
    }
    return absl::OkStatus();
  }
  absl::Status Error(const std::string& what) const {
    return absl::InternalError(
        absl::StrCat("sqlite: ", what, ": ", sqlite3_errmsg(db_)));
  }

  const std::string dir_;
  const bool synchronous_full_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* queries_[4] = {nullptr, nullptr, nullptr, nullptr};
};

}  // namespace

absl::StatusOr<std::unique_ptr<SearchEngine>> MakeFts5Engine(
    const std::string& dir, bool synchronous_full) {
  std::error_code error;
  std::filesystem::remove_all(dir, error);
  std::filesystem::create_directories(dir, error);
  if (error) {
    return absl::InternalError(absl::StrCat("cannot create ", dir));
  }
  auto engine = std::make_unique<Fts5Engine>(dir, synchronous_full);
  absl::Status opened = engine->Open();
  if (!opened.ok()) {
    return opened;
  }
  return engine;
}

}  // namespace rapporteur::bench
