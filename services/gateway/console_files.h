#ifndef RAPPORTEUR_SERVICES_GATEWAY_CONSOLE_FILES_H_
#define RAPPORTEUR_SERVICES_GATEWAY_CONSOLE_FILES_H_

#include <httplib.h>

#include <string>

namespace rapporteur::gateway {

// Serves the web console, built into the binary from console/: `/` is
// index.html, `/NAME` a file of the folder. Each answer has the file's
// content type, an ETag (so a reload costs a 304), and a Content-Security-
// Policy allowing only the gateway's own origin, since nothing is fetched
// from elsewhere. False when no such file (the caller answers 404).
bool ServeConsoleFile(const httplib::Request& request,
                      httplib::Response& response);

}  // namespace rapporteur::gateway

#endif  // RAPPORTEUR_SERVICES_GATEWAY_CONSOLE_FILES_H_
