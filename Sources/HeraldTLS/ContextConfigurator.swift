internal import COpenSSL

/// Applies a ``TLSConfiguration`` to a fresh `SSL_CTX`: versions, options, files, verification.
struct ContextConfigurator {
    /// TLS 1.2 cipher suites, used only when TLS 1.2 is enabled: forward-secret AEAD suites.
    /// TLS 1.3 suites are OpenSSL's defaults (all AEAD).
    private static let tls12CipherList =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
        + "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
        + "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305"

    let context: OpaquePointer
    let configuration: TLSConfiguration
    let role: TLSContext.Role

    func apply() throws {
        try self.applyProtocolSettings()
        if let chainPath = self.configuration.certificateChainPath,
            let keyPath = self.configuration.privateKeyPath
        {
            try self.loadIdentity(chainPath: chainPath, keyPath: keyPath)
        }
        try self.loadTrustRoots()
        self.applyVerification()
    }

    private func applyProtocolSettings() throws {
        OpenSSLErrorQueue.clear()
        guard
            herald_SSL_CTX_set_min_proto_version(self.context, self.configuration.minimumVersion.openSSLValue) == 1,
            herald_SSL_CTX_set_max_proto_version(self.context, self.configuration.maximumVersion.openSSLValue) == 1
        else {
            throw TLSError.draining(code: .internalError, context: "cannot set the protocol versions")
        }
        if self.configuration.minimumVersion == .v1_2 {
            guard SSL_CTX_set_cipher_list(self.context, Self.tls12CipherList) == 1 else {
                throw TLSError.draining(code: .internalError, context: "cannot set the TLS 1.2 cipher suites")
            }
        }
        // No renegotiation (TLS 1.2), no compression, no session tickets or cache: every
        // connection does a full handshake, so nothing secret outlives a connection.
        SSL_CTX_set_options(
            self.context,
            herald_SSL_OP_NO_RENEGOTIATION() | herald_SSL_OP_NO_COMPRESSION() | herald_SSL_OP_NO_TICKET()
        )
        _ = herald_SSL_CTX_set_session_cache_mode(self.context, Int(SSL_SESS_CACHE_OFF))
        _ = SSL_CTX_set_num_tickets(self.context, 0)
        // Memory BIOs never block, but the modes keep SSL_write's retry rules relaxed, and
        // releasing buffers keeps an idle connection's footprint to a few hundred bytes.
        _ = herald_SSL_CTX_set_mode(
            self.context,
            herald_SSL_MODE_ENABLE_PARTIAL_WRITE_AND_MOVING_BUFFER() | herald_SSL_MODE_RELEASE_BUFFERS()
        )
    }

    private func loadIdentity(chainPath: String, keyPath: String) throws {
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_use_certificate_chain_file(self.context, chainPath) == 1 else {
            throw TLSError.draining(
                code: .invalidConfiguration,
                context: "cannot load the certificate chain from '\(chainPath)'"
            )
        }
        OpenSSLErrorQueue.clear()
        let mismatch = "the private key in '\(keyPath)' does not match the certificate in '\(chainPath)'"
        guard SSL_CTX_use_PrivateKey_file(self.context, keyPath, SSL_FILETYPE_PEM) == 1 else {
            let entries = OpenSSLErrorQueue.drain()
            if entries.contains(where: { $0.reason == X509_R_KEY_VALUES_MISMATCH }) {
                throw TLSError(code: .invalidConfiguration, message: mismatch, entries: entries)
            }
            let reason = entries.first.map { ": \($0.reasonText)" } ?? ""
            throw TLSError(
                code: .invalidConfiguration,
                message: "cannot load the private key from '\(keyPath)'\(reason)",
                entries: entries
            )
        }
        OpenSSLErrorQueue.clear()
        guard SSL_CTX_check_private_key(self.context) == 1 else {
            throw TLSError.draining(code: .invalidConfiguration, context: mismatch)
        }
    }

    private func loadTrustRoots() throws {
        OpenSSLErrorQueue.clear()
        guard let rootsPath = self.configuration.trustRootsPath else {
            if self.role == .client && SSL_CTX_set_default_verify_paths(self.context) != 1 {
                throw TLSError.draining(code: .invalidConfiguration, context: "cannot load the system trust store")
            }
            return
        }
        guard SSL_CTX_load_verify_locations(self.context, rootsPath, nil) == 1 else {
            throw TLSError.draining(
                code: .invalidConfiguration,
                context: "cannot load the trust roots from '\(rootsPath)'"
            )
        }
        if self.role == .server && self.configuration.clientAuthentication != .disabled {
            // Tell clients which CAs we accept, so one holding several certificates picks the
            // right one. SSL_CTX_set_client_CA_list takes ownership of the list.
            OpenSSLErrorQueue.clear()
            guard let names = SSL_load_client_CA_file(rootsPath) else {
                throw TLSError.draining(
                    code: .invalidConfiguration,
                    context: "cannot read CA names from '\(rootsPath)'"
                )
            }
            SSL_CTX_set_client_CA_list(self.context, names)
        }
    }

    private func applyVerification() {
        let mode: Int32
        switch (self.role, self.configuration.clientAuthentication) {
        case (.client, _):
            mode = SSL_VERIFY_PEER
        case (.server, .required):
            mode = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT
        case (.server, .optional):
            mode = SSL_VERIFY_PEER
        case (.server, .disabled):
            mode = SSL_VERIFY_NONE
        }
        SSL_CTX_set_verify(self.context, mode, nil)
    }
}
