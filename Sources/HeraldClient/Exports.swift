// `import HeraldClient` is all a caller needs: the modules whose types appear in the client's
// API (generated messages and service clients, call options and errors, TLS and address
// configuration, status codes) come with it.
@_exported public import HeraldProtos
@_exported public import HeraldRPC
@_exported public import HeraldTLS
@_exported public import HeraldTransport
@_exported public import HeraldWire
