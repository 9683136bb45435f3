#include "lib/query/query_parser.h"

#include <utf8proc.h>

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/types/span.h"
#include "lib/analysis/analyzer.h"
#include "lib/base/error_details.h"
#include "lib/base/status_macros.h"
#include "lib/query/entity_aliases.h"
#include "lib/schema/fields.h"

namespace rapporteur::query {
namespace {

enum class TokenKind {
  kWord,
  kPrefix,
  kPhrase,
  kField,
  kLeftParen,
  kRightParen,
  kAnd,
  kOr,
  kNot,
  kMinus,
  kPlus,
  kEntity,  // juxtaposed words naming an entity (MarkEntities)
  kEnd,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  int column = 1;
  std::string text;  // word, prefix body or phrase; field name for kField
  std::vector<QueryFieldValue> values;  // kField
  std::string entity;                   // kEntity: its id
};

// The column of byte `offset` of valid UTF-8 `text`: code points before it,
// plus one. Continuation bytes (10xxxxxx) do not start a code point.
int ColumnAt(absl::string_view text, size_t offset) {
  int column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return column;
}

int CountCodePoints(absl::string_view text) {
  return ColumnAt(text, text.size()) - 1;
}

// The code point at text[pos] of valid UTF-8 and its length in bytes.
int32_t CodePointAt(absl::string_view text, size_t pos, size_t* length) {
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n = utf8proc_iterate(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
      static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  *length = n > 0 ? static_cast<size_t>(n) : 1;
  return cp;
}

// Separators: ASCII and Unicode spaces, line and paragraph separators, and
// control characters (a NUL or tab pasted into a query separates words).
bool IsSpace(int32_t cp) {
  if (cp < 0x80) {
    return cp <= 0x20 || cp == 0x7F;
  }
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CC:
      return true;
    default:
      return false;
  }
}

bool IsKnownField(absl::string_view name) {
  const std::vector<std::string>& fields = QueryFieldNames();
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

bool IsAsciiLetters(absl::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return absl::ascii_isalpha(static_cast<unsigned char>(c));
  });
}

// Cuts a query into tokens.
class Lexer {
 public:
  explicit Lexer(absl::string_view query) : query_(query) {}

  absl::StatusOr<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    // Whether the next token starts right after a '-' or '+'.
    bool attached = false;
    while (true) {
      if (!attached) {
        SkipSpace();
      }
      attached = false;
      if (pos_ >= query_.size()) {
        break;
      }
      const char c = query_[pos_];
      Token token;
      token.column = Column(pos_);
      if (c == '(' || c == ')') {
        token.kind = c == '(' ? TokenKind::kLeftParen : TokenKind::kRightParen;
        ++pos_;
      } else if (c == '"') {
        token.kind = TokenKind::kPhrase;
        ABSL_ASSIGN_OR_RETURN(token.text, Quoted());
      } else if ((c == '-' || c == '+') && !AtSeparator(pos_ + 1)) {
        token.kind = c == '-' ? TokenKind::kMinus : TokenKind::kPlus;
        ++pos_;
        attached = true;
      } else if (c == '-' || c == '+') {
        return QueryError(token.column,
                          absl::StrCat("expected a word, phrase or '(' right "
                                       "after '",
                                       absl::string_view(&c, 1), "'"));
      } else {
        ABSL_RETURN_IF_ERROR(Word(&token));
      }
      tokens.push_back(std::move(token));
    }
    Token end;
    end.kind = TokenKind::kEnd;
    end.column = Column(query_.size());
    tokens.push_back(std::move(end));
    return tokens;
  }

 private:
  int Column(size_t offset) const { return ColumnAt(query_, offset); }

  // Whether pos is the end, a space or a ')' (nothing a '-' can apply to).
  bool AtSeparator(size_t pos) const {
    if (pos >= query_.size()) {
      return true;
    }
    size_t length = 0;
    return query_[pos] == ')' || IsSpace(CodePointAt(query_, pos, &length));
  }

  // Whether the code point at pos ends a word.
  bool EndsWord(size_t pos, size_t* length) const {
    const char c = query_[pos];
    if (c == '(' || c == ')' || c == '"') {
      *length = 1;
      return true;
    }
    return IsSpace(CodePointAt(query_, pos, length));
  }

  void SkipSpace() {
    while (pos_ < query_.size()) {
      size_t length = 0;
      if (!IsSpace(CodePointAt(query_, pos_, &length))) {
        return;
      }
      pos_ += length;
    }
  }

  // A double-quoted string at pos_: its inside, pos_ after its close.
  absl::StatusOr<std::string> Quoted() {
    const size_t open = pos_;
    const size_t close = query_.find('"', open + 1);
    if (close == absl::string_view::npos) {
      return QueryError(
          Column(query_.size()),
          absl::StrCat("expected '\"' to close '\"' at column ", Column(open)));
    }
    pos_ = close + 1;
    return std::string(query_.substr(open + 1, close - open - 1));
  }

  // A word, keyword, prefix or field filter at pos_.
  absl::Status Word(Token* token) {
    const size_t begin = pos_;
    size_t end = begin;
    while (end < query_.size()) {
      size_t length = 0;
      if (EndsWord(end, &length)) {
        break;
      }
      end += length;
    }
    const absl::string_view word = query_.substr(begin, end - begin);
    pos_ = end;
    if (word == "AND" || word == "OR" || word == "NOT") {
      token->kind = word == "AND"  ? TokenKind::kAnd
                    : word == "OR" ? TokenKind::kOr
                                   : TokenKind::kNot;
      return absl::OkStatus();
    }
    const size_t colon = word.find(':');
    if (colon != absl::string_view::npos &&
        IsAsciiLetters(word.substr(0, colon))) {
      const std::string name = absl::AsciiStrToLower(word.substr(0, colon));
      const size_t value = begin + colon + 1;
      if (IsKnownField(name)) {
        token->kind = TokenKind::kField;
        token->text = name;
        pos_ = value;
        return FieldValues(name, token);
      }
      // `foo:bar` and `foo:"bar"` are a field filter with a misspelt
      // field; `Note:`, `Note: text` and `http://` are words with a colon.
      size_t length = 0;
      if (value < query_.size() &&
          (query_[value] == '"' ||
           analysis::IsWordCodePoint(CodePointAt(query_, value, &length)))) {
        return QueryError(token->column,
                          absl::StrCat("unknown field '", word.substr(0, colon),
                                       "'; the fields are ",
                                       absl::StrJoin(QueryFieldNames(), ", ")));
      }
    }
    if (word.size() > 1 && word.back() == '*') {
      token->kind = TokenKind::kPrefix;
      token->text = std::string(word.substr(0, word.size() - 1));
    } else if (word == "*") {
      token->kind = TokenKind::kPrefix;
    } else {
      token->kind = TokenKind::kWord;
      token->text = std::string(word);
    }
    return absl::OkStatus();
  }

  // The '|'-separated values of field `name` at pos_.
  absl::Status FieldValues(absl::string_view name, Token* token) {
    std::string after = absl::StrCat("'", name, ":'");
    while (true) {
      QueryFieldValue value;
      value.column = Column(pos_);
      if (pos_ < query_.size() && query_[pos_] == '"') {
        value.quoted = true;
        ABSL_ASSIGN_OR_RETURN(value.text, Quoted());
      } else {
        const size_t begin = pos_;
        while (pos_ < query_.size() && query_[pos_] != '|') {
          size_t length = 0;
          if (EndsWord(pos_, &length)) {
            break;
          }
          pos_ += length;
        }
        value.text = std::string(query_.substr(begin, pos_ - begin));
      }
      if (absl::StripAsciiWhitespace(value.text).empty()) {
        return QueryError(value.column,
                          absl::StrCat("expected a value after ", after));
      }
      token->values.push_back(std::move(value));
      if (pos_ >= query_.size() || query_[pos_] != '|') {
        return absl::OkStatus();
      }
      ++pos_;
      after = "'|'";
    }
  }

  absl::string_view query_;
  size_t pos_ = 0;
};

// Replaces each run of juxtaposed words that names an entity (the
// longest name first, left to right) by one kEntity token whose text is
// the words as typed.
void MarkEntities(std::vector<Token>* tokens) {
  const EntityAliases& aliases = EntityAliases::Builtin();
  std::vector<Token> marked;
  marked.reserve(tokens->size());
  size_t i = 0;
  while (i < tokens->size()) {
    if ((*tokens)[i].kind != TokenKind::kWord) {
      marked.push_back(std::move((*tokens)[i++]));
      continue;
    }
    size_t end = i;
    std::vector<QueryWord> words;
    while (end < tokens->size() && (*tokens)[end].kind == TokenKind::kWord) {
      QueryWord word;
      word.text = (*tokens)[end].text;
      word.terms = analysis::AnalyzeTerms(word.text, "en");
      words.push_back(std::move(word));
      ++end;
    }
    size_t k = 0;
    while (k < words.size()) {
      size_t length = 0;
      const Entity* entity =
          aliases.Longest(absl::MakeConstSpan(words).subspan(k), &length);
      if (entity == nullptr) {
        marked.push_back(std::move((*tokens)[i + k]));
        ++k;
        continue;
      }
      Token token;
      token.kind = TokenKind::kEntity;
      token.column = (*tokens)[i + k].column;
      token.entity = entity->id;
      for (size_t w = k; w < k + length; ++w) {
        absl::StrAppend(&token.text, w == k ? "" : " ", words[w].text);
      }
      marked.push_back(std::move(token));
      k += length;
    }
    i = end;
  }
  *tokens = std::move(marked);
}

bool StartsPrimary(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEntity:
    case TokenKind::kWord:
    case TokenKind::kPrefix:
    case TokenKind::kPhrase:
    case TokenKind::kField:
    case TokenKind::kLeftParen:
      return true;
    default:
      return false;
  }
}

bool StartsOperand(TokenKind kind) {
  return StartsPrimary(kind) || kind == TokenKind::kNot ||
         kind == TokenKind::kMinus || kind == TokenKind::kPlus;
}

absl::string_view Spelling(TokenKind kind) {
  switch (kind) {
    case TokenKind::kAnd:
      return "AND";
    case TokenKind::kOr:
      return "OR";
    case TokenKind::kNot:
      return "NOT";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kLeftParen:
      return "'('";
    case TokenKind::kRightParen:
      return "')'";
    default:
      return "";
  }
}

// Recursive descent over the tokens; recursion is bounded by the
// parenthesis depth limit.
class Parser {
 public:
  Parser(std::vector<Token> tokens, ImplicitOperator implicit,
         const QueryLimits& limits)
      : tokens_(std::move(tokens)), implicit_(implicit), limits_(limits) {}

  absl::StatusOr<QueryAst> Run() {
    if (Peek().kind == TokenKind::kEnd) {
      return QueryError(1,
                        "expected a word, phrase or '(': the query is "
                        "empty");
    }
    ABSL_ASSIGN_OR_RETURN(QueryAst group, Or(0));
    if (Peek().kind == TokenKind::kRightParen) {
      return QueryError(Peek().column, "unexpected ')' with no '(' to close");
    }
    if (Peek().kind != TokenKind::kEnd) {
      // Or() stops only before ')' or the end.
      return QueryError(Peek().column, "unexpected token");
    }
    return group;
  }

 private:
  const Token& Peek() const { return tokens_[next_]; }
  Token Take() { return std::move(tokens_[next_++]); }

  // The operand missing after operator `op` (AND, OR, NOT, '-', '+').
  absl::Status MissingOperand(const Token& op) {
    return QueryError(op.column,
                      absl::StrCat("expected a word, phrase or '(' after ",
                                   Spelling(op.kind)));
  }

  // An operand expected where a query or group starts, or after '('.
  absl::Status MissingFirstOperand() {
    const Token& token = Peek();
    if (token.kind == TokenKind::kAnd || token.kind == TokenKind::kOr) {
      return QueryError(token.column,
                        absl::StrCat("expected a word, phrase or '(' before ",
                                     Spelling(token.kind)));
    }
    if (token.kind == TokenKind::kRightParen) {
      return QueryError(token.column,
                        "expected a word, phrase or '(' "
                        "before ')'");
    }
    return QueryError(token.column,
                      "expected a word, phrase or '(' at the end of the "
                      "query");
  }

  // An operand of an OR: `plain` when it had no '+' or '-' of its own, so
  // that it becomes optional there.
  struct Operand {
    QueryClause clause;
    bool plain = true;
  };

  // or_expr: a group whose operands are and_exprs.
  absl::StatusOr<QueryAst> Or(int depth) {
    std::vector<Operand> operands;
    ABSL_ASSIGN_OR_RETURN(Operand first, And(depth));
    operands.push_back(std::move(first));
    while (true) {
      if (Peek().kind == TokenKind::kOr) {
        const Token op = Take();
        if (!StartsOperand(Peek().kind)) {
          return MissingOperand(op);
        }
      } else if (implicit_ != ImplicitOperator::kOr ||
                 !StartsOperand(Peek().kind)) {
        break;
      }
      ABSL_ASSIGN_OR_RETURN(Operand next, And(depth));
      operands.push_back(std::move(next));
    }
    if (operands.size() == 1 &&
        operands.front().clause.occur == QueryOccur::kMust &&
        operands.front().clause.node.kind == QueryAst::Kind::kGroup) {
      // `(x)`, `+(x)` or one and_expr of several operands: the group itself.
      return std::move(operands.front().clause.node);
    }
    QueryAst group;
    group.kind = QueryAst::Kind::kGroup;
    group.column = operands.front().clause.node.column;
    const bool alternatives = operands.size() > 1;
    for (Operand& operand : operands) {
      // A plain operand of an OR is optional; '+' and '-' keep their say.
      if (alternatives && operand.plain) {
        operand.clause.occur = QueryOccur::kShould;
      }
      group.clauses.push_back(std::move(operand.clause));
    }
    return group;
  }

  // and_expr: one operand, or several as a kGroup of kMust and kMustNot
  // clauses.
  absl::StatusOr<Operand> And(int depth) {
    std::vector<Operand> operands;
    ABSL_ASSIGN_OR_RETURN(Operand first, Unary(depth));
    operands.push_back(std::move(first));
    while (true) {
      if (Peek().kind == TokenKind::kAnd) {
        const Token op = Take();
        if (!StartsOperand(Peek().kind)) {
          return MissingOperand(op);
        }
      } else if (implicit_ != ImplicitOperator::kAnd ||
                 !StartsOperand(Peek().kind)) {
        break;
      }
      ABSL_ASSIGN_OR_RETURN(Operand next, Unary(depth));
      operands.push_back(std::move(next));
    }
    if (operands.size() == 1) {
      return std::move(operands.front());
    }
    Operand and_expr;
    and_expr.clause.occur = QueryOccur::kMust;
    and_expr.clause.node.kind = QueryAst::Kind::kGroup;
    and_expr.clause.node.column = operands.front().clause.node.column;
    for (Operand& operand : operands) {
      and_expr.clause.node.clauses.push_back(std::move(operand.clause));
    }
    return and_expr;
  }

  absl::StatusOr<Operand> Unary(int depth) {
    Operand operand;
    const TokenKind kind = Peek().kind;
    if (kind == TokenKind::kNot || kind == TokenKind::kMinus ||
        kind == TokenKind::kPlus) {
      const Token op = Take();
      if (!StartsPrimary(Peek().kind)) {
        return MissingOperand(op);
      }
      operand.clause.occur =
          kind == TokenKind::kPlus ? QueryOccur::kMust : QueryOccur::kMustNot;
      operand.plain = false;
    }
    ABSL_ASSIGN_OR_RETURN(operand.clause.node, Primary(depth));
    return operand;
  }

  absl::StatusOr<QueryAst> Primary(int depth) {
    if (!StartsPrimary(Peek().kind)) {
      return MissingFirstOperand();
    }
    Token token = Take();
    QueryAst node;
    node.column = token.column;
    switch (token.kind) {
      case TokenKind::kLeftParen: {
        if (depth + 1 > limits_.max_depth - 2) {
          return QueryError(
              token.column,
              absl::StrCat("parentheses nest more than ", limits_.max_depth - 2,
                           " levels deep"));
        }
        if (Peek().kind == TokenKind::kRightParen) {
          return QueryError(Peek().column,
                            "expected a word, phrase or '(' inside '( )'");
        }
        ABSL_ASSIGN_OR_RETURN(node, Or(depth + 1));
        node.column = token.column;
        if (Peek().kind != TokenKind::kRightParen) {
          return QueryError(Peek().column,
                            absl::StrCat("expected ')' to close '(' at column ",
                                         token.column));
        }
        Take();
        return node;
      }
      case TokenKind::kWord:
        node.kind = QueryAst::Kind::kWord;
        break;
      case TokenKind::kEntity:
        node.kind = QueryAst::Kind::kEntity;
        node.entity = std::move(token.entity);
        break;
      case TokenKind::kPrefix:
        node.kind = QueryAst::Kind::kPrefix;
        break;
      case TokenKind::kPhrase:
        node.kind = QueryAst::Kind::kPhrase;
        break;
      case TokenKind::kField:
        node.kind = QueryAst::Kind::kField;
        node.field = std::move(token.text);
        node.values = std::move(token.values);
        break;
      default:
        break;
    }
    if (node.kind != QueryAst::Kind::kField) {
      node.text = std::move(token.text);
    }
    if (++leaves_ > limits_.max_clauses) {
      return QueryError(node.column,
                        absl::StrCat("more than ", limits_.max_clauses,
                                     " clauses (words, phrases, prefixes and "
                                     "field filters)"));
    }
    return node;
  }

  std::vector<Token> tokens_;
  size_t next_ = 0;
  const ImplicitOperator implicit_;
  const QueryLimits& limits_;
  int leaves_ = 0;
};

}  // namespace

const std::vector<std::string>& QueryFieldNames() {
  static const auto* const kFields =
      new std::vector<std::string>(schema::FieldNames());
  return *kFields;
}

absl::Status QueryError(int column, absl::string_view message) {
  absl::Status status = absl::InvalidArgumentError(
      absl::StrCat("query: column ", column, ": ", message));
  AddFieldViolation(status, "query", status.message());
  // The column as metadata, so that clients can point at it.
  google::rpc::ErrorInfo info;
  info.set_reason("QUERY_SYNTAX");
  info.set_domain(std::string(kErrorDomain));
  (*info.mutable_metadata())["column"] = absl::StrCat(column);
  SetDetail(status, info);
  return status;
}

absl::StatusOr<QueryAst> ParseQuery(absl::string_view query,
                                    ImplicitOperator implicit,
                                    const QueryLimits& limits,
                                    bool* has_operators) {
  size_t bad = 0;
  if (!analysis::IsValidUtf8(query, &bad)) {
    return QueryError(ColumnAt(query, bad), "invalid UTF-8");
  }
  if (CountCodePoints(query) > limits.max_chars) {
    return QueryError(limits.max_chars + 1,
                      absl::StrCat("the query is longer than ",
                                   limits.max_chars, " characters"));
  }
  Lexer lexer(query);
  ABSL_ASSIGN_OR_RETURN(std::vector<Token> tokens, lexer.Run());
  MarkEntities(&tokens);
  if (has_operators != nullptr) {
    *has_operators =
        std::any_of(tokens.begin(), tokens.end(), [](const Token& token) {
          return token.kind == TokenKind::kAnd ||
                 token.kind == TokenKind::kOr ||
                 token.kind == TokenKind::kNot ||
                 token.kind == TokenKind::kLeftParen ||
                 token.kind == TokenKind::kRightParen;
        });
  }
  Parser parser(std::move(tokens), implicit, limits);
  return parser.Run();
}

}  // namespace rapporteur::query
