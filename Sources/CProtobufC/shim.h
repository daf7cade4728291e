#ifndef HERALD_CPROTOBUFC_SHIM_H
#define HERALD_CPROTOBUFC_SHIM_H

#include <protobuf-c/protobuf-c.h>

#endif
