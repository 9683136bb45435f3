#include "tests/testing/files.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rapporteur::testing {

TempDir::TempDir() {
  const char* base = std::getenv("TEST_TMPDIR");
  std::string pattern =
      std::string(base != nullptr ? base : "/tmp") + "/rapporteur-test.XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) {
    ADD_FAILURE() << "mkdtemp failed for " << pattern;
  }
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string CorpusDir() {
  const char* dir = std::getenv("RAPPORTEUR_CORPUS_DIR");
  return dir != nullptr ? dir : "../shared/corpus";
}

std::string ReadFileOrDie(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot read " << path;
    std::abort();
  }
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string SampleReport() {
  return ReadFileOrDie(CorpusDir() + "/A_HRC_7_20.txt");
}

}  // namespace rapporteur::testing
