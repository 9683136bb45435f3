#include "lib/storage/write_request.h"

#include <cstdint>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "lib/base/status_macros.h"
#include "lib/schema/resource_names.h"
#include "lib/storage/keys.h"

namespace rapporteur::storage {

absl::Status ValidateWrite(const internal::v1::WriteDocumentRequest& request,
                           std::string* doc_id) {
  const v1::Document& doc = request.document();
  ABSL_ASSIGN_OR_RETURN(*doc_id, ParseDocumentName(doc.name()));
  if (doc.paragraphs_size() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(doc.name(), ": a document needs at least one paragraph"));
  }
  if (request.request_id().size() > kMaxRequestIdBytes ||
      request.request_id().find('\0') != std::string::npos) {
    return absl::InvalidArgumentError(
        absl::StrCat("request_id must be at most ", kMaxRequestIdBytes,
                     " bytes without NUL"));
  }
  if (request.paragraph_terms_size() != doc.paragraphs_size()) {
    return absl::InvalidArgumentError(absl::StrCat(
        doc.name(), ": paragraph_terms has ", request.paragraph_terms_size(),
        " entries for ", doc.paragraphs_size(), " paragraphs"));
  }
  for (int i = 0; i < request.paragraph_terms_size(); ++i) {
    for (const auto& term : request.paragraph_terms(i).terms()) {
      if (term.term().empty() || term.term().size() > kMaxTermBytes ||
          term.term().find('\0') != std::string::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat(doc.name(), ": paragraph ", i,
                         " has a term that is empty, longer than ",
                         kMaxTermBytes, " bytes or holds a NUL byte"));
      }
      if (term.positions_size() == 0) {
        return absl::InvalidArgumentError(
            absl::StrCat(doc.name(), ": paragraph ", i, " term '", term.term(),
                         "' has no positions"));
      }
    }
    const internal::v1::ParagraphTerms& terms = request.paragraph_terms(i);
    for (const std::string& attribute : terms.attributes()) {
      // AttributeKey(field, value): a field name before the first NUL.
      const size_t separator = attribute.find('\0');
      if (separator == 0 || separator == std::string::npos) {
        return absl::InvalidArgumentError(
            absl::StrCat(doc.name(), ": paragraph ", i,
                         " has an attribute without a field"
                         " (AttributeKey(field, value) is \"field\\0value\")"));
      }
    }
    if (!(terms.boost() >= 0.0f && terms.boost() <= kMaxBoost)) {
      return absl::InvalidArgumentError(absl::StrCat(
          doc.name(), ": paragraph ", i, " has boost ", terms.boost(),
          "; a boost is between 0 (none: 1) and ", kMaxBoost));
    }
  }
  return absl::OkStatus();
}

namespace {
constexpr char kRefusalPayload[] = "type.rapporteur/refusal";
}  // namespace

absl::Status Refusal(absl::Status status) {
  if (!status.ok()) {
    status.SetPayload(kRefusalPayload, absl::Cord());
  }
  return status;
}

bool IsRefusal(const absl::Status& status) {
  return !status.ok() && status.GetPayload(kRefusalPayload).has_value();
}

std::string EncodeApplied(absl::string_view doc_id,
                          const internal::v1::WriteDocumentResponse& response) {
  std::string value(doc_id);
  value.push_back('\0');
  PutBigEndian64(&value, static_cast<uint64_t>(response.revision()));
  PutBigEndian64(&value, static_cast<uint64_t>(response.replaced_revision()));
  return value;
}

absl::StatusOr<internal::v1::WriteDocumentResponse> DecodeApplied(
    absl::string_view value, absl::string_view doc_id,
    absl::string_view request_id) {
  const size_t nul = value.find('\0');
  if (nul == absl::string_view::npos || value.size() != nul + 17) {
    return absl::DataLossError(
        absl::StrCat("malformed record of request ", request_id));
  }
  if (!doc_id.empty() && value.substr(0, nul) != doc_id) {
    return Refusal(absl::FailedPreconditionError(
        absl::StrCat("request_id '", request_id, "' was already used to write ",
                     DocumentName(value.substr(0, nul)))));
  }
  internal::v1::WriteDocumentResponse response;
  response.set_revision(
      static_cast<int64_t>(GetBigEndian64(value.substr(nul + 1))));
  response.set_replaced_revision(
      static_cast<int64_t>(GetBigEndian64(value.substr(nul + 9))));
  return response;
}

}  // namespace rapporteur::storage
