#include "tests/integration/case_samples.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

#include "absl/strings/str_cat.h"

namespace rapporteur::testing {

std::vector<std::string> IdentifyingValues() {
  return {kVictimName,      kVictimAlias, kVictimBirth, kVictimContact,
          kPerpetratorName, kSourceName,  kTestimony};
}

v1::Case SampleCase(v1::Confidentiality confidentiality,
                    const std::vector<std::string>& team) {
  v1::Case record;
  v1::Event* event = record.mutable_event();
  event->set_title(kEventTitle);
  event->set_summary(
      "A human rights defender was detained without charge and held "
      "incommunicado; he reported ill-treatment on his release.");
  event->set_start_date("2007-05");
  event->mutable_location()->set_country("PRK");
  event->mutable_location()->set_place("a detention centre");
  event->add_violation_types("arbitrary_detention");
  event->add_violation_types("torture");
  event->set_status(v1::EVENT_STATUS_OPEN);
  v1::Person* victim = record.add_persons();
  victim->set_id("p1");
  victim->add_roles(v1::PERSON_ROLE_VICTIM);
  victim->set_name(kVictimName);
  victim->add_aliases(kVictimAlias);
  victim->set_sex("male");
  victim->set_date_of_birth(kVictimBirth);
  victim->set_nationality("PRK");
  victim->set_contact(kVictimContact);
  v1::Person* perpetrator = record.add_persons();
  perpetrator->set_id("p2");
  perpetrator->add_roles(v1::PERSON_ROLE_PERPETRATOR);
  perpetrator->set_name(kPerpetratorName);
  v1::Person* source = record.add_persons();
  source->set_id("p3");
  source->add_roles(v1::PERSON_ROLE_SOURCE);
  source->add_roles(v1::PERSON_ROLE_WITNESS);
  source->set_name(kSourceName);
  v1::Act* act = record.add_acts();
  act->set_id("a1");
  act->set_type("torture");
  act->set_victim("p1");
  act->set_date("2007-05-12");
  v1::Involvement* involvement = record.add_involvements();
  involvement->set_perpetrator("p2");
  involvement->set_act("a1");
  involvement->set_degree("committed");
  involvement->set_affiliation("State security");
  v1::Source* told = record.add_sources();
  told->set_person("p3");
  told->set_date("2007-06-01");
  told->set_testimony(kTestimony);
  told->set_reliability("credible");
  v1::Intervention* intervention = record.add_interventions();
  intervention->set_type("urgent_appeal");
  intervention->set_date("2007-05-20");
  intervention->set_recipient("PRK");
  intervention->set_reply(v1::REPLY_STATUS_NO_REPLY);
  intervention->add_paragraphs("documents/a-hrc-7-20/paragraphs/49");
  record.add_paragraphs("documents/a-hrc-7-20/paragraphs/49");
  record.set_confidentiality(confidentiality);
  for (const std::string& principal : team) {
    record.add_access_list(principal);
  }
  return record;
}

std::vector<std::string> SampleCaseIdentifyingPaths() {
  return {"persons[p1].name",          "persons[p1].aliases[0]",
          "persons[p1].date_of_birth", "persons[p1].contact",
          "persons[p2].name",          "persons[p3].name",
          "sources[0].testimony"};
}

absl::StatusOr<std::vector<std::string>> FilesContaining(
    const std::string& dir, const std::string& needle) {
  std::vector<std::string> found;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(dir, error), end;
       it != end; it.increment(error)) {
    if (error) {
      return absl::InternalError(
          absl::StrCat("cannot walk ", dir, ": ", error.message()));
    }
    if (!it->is_regular_file(error)) {
      continue;
    }
    std::ifstream in(it->path(), std::ios::binary);
    if (!in) {
      return absl::InternalError(
          absl::StrCat("cannot read ", it->path().string()));
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
    if (bytes.find(needle) != std::string::npos) {
      found.push_back(it->path().string());
    }
  }
  if (error) {
    return absl::InternalError(
        absl::StrCat("cannot walk ", dir, ": ", error.message()));
  }
  return found;
}

TreeSize SizeOfTree(const std::string& dir) {
  TreeSize size;
  std::error_code error;
  for (std::filesystem::recursive_directory_iterator it(dir, error), end;
       !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error)) {
      ++size.files;
      size.bytes += it->file_size(error);
    }
  }
  return size;
}

}  // namespace rapporteur::testing
