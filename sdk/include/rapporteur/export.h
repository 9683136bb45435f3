#ifndef RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_EXPORT_H_
#define RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_EXPORT_H_

// Marks the SDK's public symbols, which stay visible when the library is
// built with hidden visibility.
#if defined(RAPPORTEUR_SHARED_LIBRARY) && defined(RAPPORTEUR_COMPILE_LIBRARY)
#define RAPPORTEUR_EXPORT __attribute__((visibility("default")))
#else
#define RAPPORTEUR_EXPORT
#endif

#endif  // RAPPORTEUR_SDK_INCLUDE_RAPPORTEUR_EXPORT_H_
