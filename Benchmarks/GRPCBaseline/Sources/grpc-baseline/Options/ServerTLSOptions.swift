import ArgumentParser
import GRPCNIOTransportHTTP2

/// The server's certificate, key and the CA that client certificates must chain to.
struct ServerTLSOptions: ParsableArguments {
    @Option(help: "The server certificate chain (PEM).")
    var cert = "Certs/dev/server.pem"

    @Option(help: "The server private key (PEM).")
    var key = "Certs/dev/server-key.pem"

    @Option(help: "The CA certificate that client certificates must chain to (PEM).")
    var ca = "Certs/dev/ca.pem"

    /// Mutual TLS: the server presents its certificate and requires a client certificate signed by
    /// the CA (without checking the client's hostname).
    func transportSecurity() throws -> HTTP2ServerTransport.Posix.TransportSecurity {
        let cert = try CertificatePath.resolve(self.cert, option: "--cert")
        let key = try CertificatePath.resolve(self.key, option: "--key")
        let ca = try CertificatePath.resolve(self.ca, option: "--ca")
        return .mTLS(
            certificateChain: [.file(path: cert, format: .pem)],
            privateKey: .file(path: key, format: .pem)
        ) { config in
            config.trustRoots = .certificates([.file(path: ca, format: .pem)])
            config.clientCertificateVerification = .noHostnameVerification
        }
    }
}
