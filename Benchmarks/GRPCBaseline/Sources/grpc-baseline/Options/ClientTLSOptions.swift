import ArgumentParser
import GRPCNIOTransportHTTP2

/// The client's certificate and key, and the CA that the server's certificate must chain to.
struct ClientTLSOptions: ParsableArguments {
    @Option(help: "The client certificate chain (PEM).")
    var cert = "Certs/dev/admin.pem"

    @Option(help: "The client private key (PEM).")
    var key = "Certs/dev/admin-key.pem"

    @Option(help: "The CA certificate that the server certificate must chain to (PEM).")
    var ca = "Certs/dev/ca.pem"

    /// Mutual TLS: the client presents its certificate and fully verifies the server's, including
    /// that it is valid for the address connected to (127.0.0.1).
    func transportSecurity() throws -> HTTP2ClientTransport.Posix.TransportSecurity {
        let cert = try CertificatePath.resolve(self.cert, option: "--cert")
        let key = try CertificatePath.resolve(self.key, option: "--key")
        let ca = try CertificatePath.resolve(self.ca, option: "--ca")
        return .mTLS(
            certificateChain: [.file(path: cert, format: .pem)],
            privateKey: .file(path: key, format: .pem)
        ) { config in
            config.trustRoots = .certificates([.file(path: ca, format: .pem)])
            config.serverCertificateVerification = .fullVerification
        }
    }
}
