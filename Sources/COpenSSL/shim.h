#ifndef HERALD_COPENSSL_SHIM_H
#define HERALD_COPENSSL_SHIM_H

// OpenSSL's libssl and libcrypto, as Herald uses them. Many OpenSSL entry points are
// function-like macros that Swift cannot import; each gets a `static inline` wrapper here
// named `herald_<macro>` with the macro's argument types.

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

static inline int herald_SSL_CTX_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}

static inline int herald_SSL_CTX_set_max_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_max_proto_version(ctx, version);
}

static inline long herald_SSL_CTX_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}

static inline long herald_SSL_CTX_set_session_cache_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_session_cache_mode(ctx, mode);
}

static inline int herald_SSL_set_tlsext_host_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

static inline long herald_BIO_get_mem_data(BIO *bio, char **data) {
    return BIO_get_mem_data(bio, data);
}

static inline void herald_OPENSSL_free(void *pointer) {
    OPENSSL_free(pointer);
}

static inline int herald_sk_GENERAL_NAME_num(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

static inline const GENERAL_NAME *herald_sk_GENERAL_NAME_value(const GENERAL_NAMES *names, int index) {
    return sk_GENERAL_NAME_value(names, index);
}

static inline void herald_GENERAL_NAMES_free(GENERAL_NAMES *names) {
    GENERAL_NAMES_free(names);
}

static inline uint64_t herald_SSL_OP_NO_RENEGOTIATION(void) {
    return SSL_OP_NO_RENEGOTIATION;
}

static inline long herald_SSL_MODE_ENABLE_PARTIAL_WRITE_AND_MOVING_BUFFER(void) {
    return SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER;
}

static inline long herald_SSL_MODE_RELEASE_BUFFERS(void) {
    return SSL_MODE_RELEASE_BUFFERS;
}

static inline uint64_t herald_SSL_OP_NO_TICKET(void) {
    return SSL_OP_NO_TICKET;
}

static inline uint64_t herald_SSL_OP_NO_COMPRESSION(void) {
    return SSL_OP_NO_COMPRESSION;
}

static inline long herald_BIO_set_mem_eof_return(BIO *bio, long value) {
    return BIO_set_mem_eof_return(bio, value);
}

// Memory BIOs support seeking since OpenSSL 3.0: moving the read position forward drops bytes
// that were handed out through `BIO_get_mem_data` without copying them again.
static inline int herald_BIO_tell(BIO *bio) {
    return (int)BIO_tell(bio);
}

static inline int herald_BIO_seek(BIO *bio, int offset) {
    return (int)BIO_seek(bio, offset);
}

// The certificate's subject alternative names, owned by the caller (free with
// `herald_GENERAL_NAMES_free`), or NULL when it has none.
static inline GENERAL_NAMES *herald_X509_get_subject_alt_names(const X509 *cert) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
}

static inline int herald_GENERAL_NAME_type(const GENERAL_NAME *name) {
    return name->type;
}

// The IA5String of a DNS or URI name (NULL for other kinds).
static inline const ASN1_IA5STRING *herald_GENERAL_NAME_ia5(const GENERAL_NAME *name) {
    switch (name->type) {
    case GEN_DNS:
        return name->d.dNSName;
    case GEN_URI:
        return name->d.uniformResourceIdentifier;
    default:
        return NULL;
    }
}

static inline int herald_ERR_GET_REASON(unsigned long code) {
    return ERR_GET_REASON(code);
}

static inline int herald_ERR_GET_LIB(unsigned long code) {
    return ERR_GET_LIB(code);
}

static inline int herald_ERR_TXT_STRING(void) {
    return ERR_TXT_STRING;
}

#endif
