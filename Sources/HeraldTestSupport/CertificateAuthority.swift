/// A test CA on disk that issues leaf certificates with the `openssl` command.
struct CertificateAuthority: Sendable {
    /// What a leaf certificate is for (its extended key usage).
    enum Usage {
        case server
        case client
    }

    /// When a leaf certificate is valid.
    enum Validity {
        /// From now for 30 days.
        case current
        /// Only during 1 January 2020: long expired.
        case expired
    }

    let name: String
    let openssl: OpenSSLCommand
    let certificatePath: String
    let privateKeyPath: String

    /// Makes a self-signed CA named `name` (files `name.pem`, `name-key.pem`).
    init(name: String, commonName: String, openssl: OpenSSLCommand) throws {
        self.name = name
        self.openssl = openssl
        self.certificatePath = openssl.path("\(name).pem")
        self.privateKeyPath = openssl.path("\(name)-key.pem")
        let config = try openssl.write("req.cnf", Self.requestConfig)
        try openssl.run(
            ["req", "-x509", "-new", "-config", config] + Self.newKeyArguments(keyPath: self.privateKeyPath) + [
                "-out", self.certificatePath,
                "-subj", "/O=Herald Tests/CN=\(commonName)",
                "-days", "30",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-addext", "subjectKeyIdentifier=hash",
            ]
        )
    }

    /// Issues a leaf certificate (files `name.pem`, `name-key.pem`).
    func issue(
        name: String,
        subject: String,
        usage: Usage,
        subjectAltNames: [String],
        validity: Validity = .current
    ) throws -> TestCertificates.Identity {
        let certificatePath = self.openssl.path("\(name).pem")
        let privateKeyPath = self.openssl.path("\(name)-key.pem")
        let requestPath = self.openssl.path("\(name).csr")
        try self.openssl.run(
            ["req", "-new", "-config", self.openssl.path("req.cnf")] + Self.newKeyArguments(keyPath: privateKeyPath)
                + ["-out", requestPath, "-subj", subject]
        )
        var extensions = [
            "basicConstraints=critical,CA:FALSE",
            "keyUsage=critical,digitalSignature",
            "extendedKeyUsage=\(usage == .server ? "serverAuth" : "clientAuth")",
            "subjectKeyIdentifier=hash",
            "authorityKeyIdentifier=keyid",
        ]
        if !subjectAltNames.isEmpty {
            extensions.append("subjectAltName=\(subjectAltNames.joined(separator: ","))")
        }
        let extensionsPath = try self.openssl.write("\(name).ext", extensions.joined(separator: "\n") + "\n")
        switch validity {
        case .current:
            try self.openssl.run(
                "x509",
                "-req",
                "-in",
                requestPath,
                "-CA",
                self.certificatePath,
                "-CAkey",
                self.privateKeyPath,
                "-days",
                "30",
                "-extfile",
                extensionsPath,
                "-out",
                certificatePath
            )
        case .expired:
            // `openssl x509` in OpenSSL 3.0 cannot set a start date; `openssl ca` can.
            let database = try self.openssl.write("\(self.name)-index.txt", "")
            let config = try self.openssl.write(
                "\(self.name)-ca.cnf",
                """
                [ca]
                default_ca = test_ca
                [test_ca]
                database = \(database)
                new_certs_dir = \(self.openssl.directory)
                rand_serial = yes
                default_md = sha256
                policy = any_subject
                unique_subject = no
                [any_subject]
                organizationName = optional
                commonName = optional

                """
            )
            try self.openssl.run(
                "ca",
                "-batch",
                "-notext",
                "-config",
                config,
                "-cert",
                self.certificatePath,
                "-keyfile",
                self.privateKeyPath,
                "-in",
                requestPath,
                "-out",
                certificatePath,
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20200102000000Z",
                "-extfile",
                extensionsPath
            )
        }
        return TestCertificates.Identity(certificatePath: certificatePath, privateKeyPath: privateKeyPath)
    }

    /// `openssl req` arguments that make a new unencrypted EC P-256 key and write it to `keyPath`.
    private static func newKeyArguments(keyPath: String) -> [String] {
        ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", keyPath]
    }

    /// A request configuration with no defaults, so the host's `openssl.cnf` cannot add
    /// extensions.
    private static let requestConfig = """
        [req]
        distinguished_name = subject
        [subject]

        """
}
