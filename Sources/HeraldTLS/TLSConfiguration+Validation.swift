extension TLSConfiguration {
    /// Checks the settings that do not need the file system.
    func validate(for role: TLSContext.Role) throws {
        if self.minimumVersion > self.maximumVersion {
            throw TLSError(
                code: .invalidConfiguration,
                message: "the minimum version \(self.minimumVersion) is newer than the maximum \(self.maximumVersion)"
            )
        }
        if (self.certificateChainPath == nil) != (self.privateKeyPath == nil) {
            throw TLSError(
                code: .invalidConfiguration,
                message: "a certificate chain and a private key must be configured together"
            )
        }
        switch role {
        case .server:
            if self.certificateChainPath == nil {
                throw TLSError(
                    code: .invalidConfiguration,
                    message: "a server needs a certificate chain and a private key"
                )
            }
            if self.clientAuthentication != .disabled && self.trustRootsPath == nil {
                throw TLSError(
                    code: .invalidConfiguration,
                    message: "a server that verifies client certificates needs trust roots (a CA bundle)"
                )
            }
        case .client:
            break
        }
    }
}
