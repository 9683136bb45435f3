#ifndef RAPPORTEUR_TESTS_UNIT_CASES_SAMPLE_CASE_H_
#define RAPPORTEUR_TESTS_UNIT_CASES_SAMPLE_CASE_H_

#include <string>

#include "rapporteur/v1/cases.pb.h"

namespace rapporteur::cases {

// A case like the one A/HRC/7/20 para. 49 tells without names, with the
// names a case team would record: a victim (with an alias), a perpetrator
// and a source whose testimony identifies.
inline v1::Case SampleCase(const std::string& victim = "Kim Young-hee") {
  v1::Case record;
  v1::Event* event = record.mutable_event();
  event->set_title("Detention after forced return");
  event->set_summary("Returned from China, detained and interrogated.");
  event->set_start_date("2007-03");
  event->mutable_location()->set_country("PRK");
  event->add_violation_types("forced_return");
  v1::Person* p1 = record.add_persons();
  p1->set_id("p1");
  p1->add_roles(v1::PERSON_ROLE_VICTIM);
  p1->set_name(victim);
  p1->add_aliases(victim + " of Onsong");
  p1->set_sex("female");
  p1->set_date_of_birth("1975");
  v1::Person* p2 = record.add_persons();
  p2->set_id("p2");
  p2->add_roles(v1::PERSON_ROLE_PERPETRATOR);
  p2->set_name("Officer Pak");
  v1::Person* p3 = record.add_persons();
  p3->set_id("p3");
  p3->add_roles(v1::PERSON_ROLE_SOURCE);
  p3->set_name("Lee Sun-ok");
  v1::Act* act = record.add_acts();
  act->set_id("a1");
  act->set_type("arbitrary_detention");
  act->set_victim("p1");
  v1::Involvement* involvement = record.add_involvements();
  involvement->set_perpetrator("p2");
  involvement->set_act("a1");
  v1::Source* source = record.add_sources();
  source->set_person("p3");
  source->set_testimony("Lee saw her taken at the border post.");
  v1::Intervention* intervention = record.add_interventions();
  intervention->set_type("communication");
  intervention->set_recipient("PRK");
  intervention->set_reply(v1::REPLY_STATUS_NO_REPLY);
  intervention->add_paragraphs("documents/a-hrc-7-20/paragraphs/49");
  record.add_paragraphs("documents/a-hrc-7-20/paragraphs/49");
  return record;
}

}  // namespace rapporteur::cases

#endif  // RAPPORTEUR_TESTS_UNIT_CASES_SAMPLE_CASE_H_
