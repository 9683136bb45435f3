#ifndef RAPPORTEUR_TESTS_TESTING_FILES_H_
#define RAPPORTEUR_TESTS_TESTING_FILES_H_

#include <string>

namespace rapporteur::testing {

// A fresh directory under the test's temporary directory, removed with its
// contents when the object goes.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The folder of the sample corpus: $RAPPORTEUR_CORPUS_DIR, which CTest sets.
std::string CorpusDir();

// The whole content of a file; fails the test when unreadable.
std::string ReadFileOrDie(const std::string& path);

// The sample report, A/HRC/7/20, as text.
std::string SampleReport();

}  // namespace rapporteur::testing

#endif  // RAPPORTEUR_TESTS_TESTING_FILES_H_
