import HeraldClient
import HeraldTestSupport
import HeraldTransport

/// Client channels to a heraldd started by a test.
enum TestChannel {
    /// A channel presenting `identity` (the URI client by default), acting on `tenant`, that
    /// never retries, so every answer a test sees is the server's first.
    static func make(
        _ address: String,
        _ certificates: TestCertificates,
        identity: TestCertificates.Identity? = nil,
        tenant: String = "acme"
    ) throws -> HeraldChannel {
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: address),
            tls: certificates.clientConfiguration(presenting: identity ?? certificates.uriClient)
        )
        configuration.defaultTenant = tenant
        configuration.retry.maxAttempts = 1
        return try HeraldChannel(configuration: configuration)
    }
}
