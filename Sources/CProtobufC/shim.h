#ifndef HERALD_CPROTOBUFC_SHIM_H
#define HERALD_CPROTOBUFC_SHIM_H

#include <protobuf-c/protobuf-c.h>

/// The version of libprotobuf-c linked at run time, as the number `1004001` for 1.4.1.
static inline unsigned herald_protobuf_c_version_number(void) {
    return protobuf_c_version_number();
}

#endif
