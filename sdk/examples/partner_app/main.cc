// A partner app: ingests a report (when given one) and answers a question
// with cited paragraphs. The backend is configuration, not code:
//
//   RAPPORTEUR_DATA=DIR                 embedded: the engines in-process
//   RAPPORTEUR_INGEST=HOST:PORT and
//   RAPPORTEUR_QUERY=HOST:PORT[,...]    remote: the Rapporteur services
//
//   partner_app "public executions" [REPORT.txt SYMBOL]
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "rapporteur/client.h"

namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

rapporteur::Options OptionsFromEnvironment() {
  rapporteur::Options options;
  options.data_dir = Env("RAPPORTEUR_DATA");
  if (!Env("RAPPORTEUR_INGEST").empty()) {
    options.ingest_endpoint = Env("RAPPORTEUR_INGEST");
  }
  if (!Env("RAPPORTEUR_QUERY").empty()) {
    options.query_endpoints.clear();
    std::stringstream endpoints(Env("RAPPORTEUR_QUERY"));
    for (std::string endpoint; std::getline(endpoints, endpoint, ',');) {
      options.query_endpoints.push_back(endpoint);
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 4) {
    std::cerr << "usage: partner_app QUESTION [REPORT.txt SYMBOL]\n";
    return 2;
  }
  auto client = rapporteur::MakeClient(OptionsFromEnvironment());
  if (!client.ok()) {
    std::cerr << client.status() << "\n";
    return 1;
  }
  if (argc == 4) {
    std::ifstream in(argv[2], std::ios::binary);
    std::stringstream content;
    content << in.rdbuf();
    rapporteur::v1::IngestDocumentRequest request;
    request.mutable_source()->set_content(content.str());
    request.mutable_source()->set_symbol(argv[3]);
    auto ingested = (*client)->IngestDocument(request);
    if (!ingested.ok()) {
      std::cerr << "ingest: " << ingested.status() << "\n";
      return 1;
    }
    std::cout << "ingested " << ingested->document().name() << " revision "
              << ingested->document().revision() << "\n";
  }
  auto hits = (*client)->Search(argv[1], 5);
  if (!hits.ok()) {
    std::cerr << "search: " << hits.status() << "\n";
    return 1;
  }
  for (const rapporteur::v1::SearchHit& hit : hits->hits()) {
    std::cout << hit.citation() << "\t" << hit.snippet() << "\n";
  }
  return 0;
}
