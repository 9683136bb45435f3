#ifndef RAPPORTEUR_TESTS_TESTING_SAMPLE_REQUEST_H_
#define RAPPORTEUR_TESTS_TESTING_SAMPLE_REQUEST_H_

#include "rapporteur/v1/ingest.pb.h"
#include "tests/testing/files.h"

namespace rapporteur::testing {

// An ingest of the sample report, A/HRC/7/20, as plain text: stored as
// documents/a-hrc-7-20.
inline v1::IngestDocumentRequest SampleIngestRequest() {
  v1::IngestDocumentRequest request;
  v1::DocumentSource* source = request.mutable_source();
  source->set_content(SampleReport());
  source->set_media_type("text/plain");
  source->set_symbol("A/HRC/7/20");
  source->set_date("2008-02-15");
  return request;
}

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_SAMPLE_REQUEST_H_
