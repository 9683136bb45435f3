#ifndef RAPPORTEUR_LIB_BASE_PRINCIPAL_H_
#define RAPPORTEUR_LIB_BASE_PRINCIPAL_H_

#include <string>

namespace rapporteur {

// What a caller may do. Roles grant them: a viewer reads (search, get,
// list); an analyst reads and writes case records; an ingestor ingests; an
// admin may do everything, and alone administers (backups, the case audit log,
// key rotation).
enum class Permission { kRead, kIngest, kWriteCases, kAdmin };
enum class Role { kViewer, kAnalyst, kIngestor, kAdmin };

// Who calls: the principal its token names (the tokens file's third
// column) and the token's role. Case records' access lists name
// principals.
struct Principal {
  std::string name;
  Role role = Role::kViewer;
};

// Whether `role` grants `needed`.
inline bool Grants(Role role, Permission needed) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kAnalyst:
      return needed == Permission::kRead || needed == Permission::kWriteCases;
    case Role::kIngestor:
      return needed == Permission::kIngest;
    case Role::kViewer:
      return needed == Permission::kRead;
  }
  return false;
}

}  // namespace rapporteur

#endif  // RAPPORTEUR_LIB_BASE_PRINCIPAL_H_
