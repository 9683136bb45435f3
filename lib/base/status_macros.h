#ifndef RAPPORTEUR_LIB_BASE_STATUS_MACROS_H_
#define RAPPORTEUR_LIB_BASE_STATUS_MACROS_H_

// Debian 12's Abseil (20220623) predates absl's own status macros; these
// follow their names and meaning so that a newer Abseil can replace them.

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#ifndef ABSL_RETURN_IF_ERROR
// Returns the status of `expr` from the enclosing function if it is not OK.
#define ABSL_RETURN_IF_ERROR(expr)              \
  do {                                          \
    ::absl::Status rapporteur_status_ = (expr); \
    if (!rapporteur_status_.ok()) {             \
      return rapporteur_status_;                \
    }                                           \
  } while (false)
#endif

#define RAPPORTEUR_STATUS_CONCAT_INNER_(a, b) a##b
#define RAPPORTEUR_STATUS_CONCAT_(a, b) RAPPORTEUR_STATUS_CONCAT_INNER_(a, b)

#define RAPPORTEUR_ASSIGN_OR_RETURN_IMPL_(statusor, lhs, rexpr) \
  auto statusor = (rexpr);                                      \
  if (!statusor.ok()) {                                         \
    return std::move(statusor).status();                        \
  }                                                             \
  lhs = *std::move(statusor)

#ifndef ABSL_ASSIGN_OR_RETURN
// Evaluates `rexpr` (a StatusOr); returns its status if not OK, else moves
// its value into `lhs`, which may be a declaration: `auto x`.
#define ABSL_ASSIGN_OR_RETURN(lhs, rexpr) \
  RAPPORTEUR_ASSIGN_OR_RETURN_IMPL_(      \
      RAPPORTEUR_STATUS_CONCAT_(rapporteur_statusor_, __LINE__), lhs, rexpr)
#endif

#endif  // RAPPORTEUR_LIB_BASE_STATUS_MACROS_H_
