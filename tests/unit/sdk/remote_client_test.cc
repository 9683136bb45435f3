// Fault-injection tests of the remote client: in progress.
#include <gtest/gtest.h>
