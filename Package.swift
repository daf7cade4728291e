// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode, explicit `public import`s, and
/// `any` spelled out for existentials.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let argumentParser = Target.Dependency.product(name: "ArgumentParser", package: "swift-argument-parser")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let histogram = Target.Dependency.product(name: "Histogram", package: "hdrhistogram-swift")

let package = Package(
    name: "Herald",
    products: [
        .library(name: "HeraldClient", targets: ["HeraldClient"]),
        .executable(name: "heraldd", targets: ["heraldd"]),
        .executable(name: "herald", targets: ["herald"]),
        .executable(name: "herald-codegen", targets: ["herald-codegen"]),
        /// The load driver, CPU sampling and reports shared by `herald-bench` and the grpc-swift-2
        /// baseline in `Benchmarks/GRPCBaseline` (a separate package, so Herald never depends on grpc).
        .library(name: "HeraldBenchSupport", targets: ["HeraldBenchSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // MARK: C libraries (the only places C is compiled or imported from).

        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(
            name: "CProtobufC",
            pkgConfig: "libprotobuf-c",
            providers: [.apt(["libprotobuf-c-dev"])]
        ),
        /// protoc-c output for `google/protobuf/descriptor.proto`: read by the code generator and
        /// imported by Herald's custom method options.
        .target(
            name: "CProtoDescriptor",
            dependencies: ["CProtobufC"],
            cSettings: [.unsafeFlags(["-Wno-unused-parameter"])]
        ),
        /// protoc-c output for everything in `Protos/`.
        .target(
            name: "CHeraldProtos",
            dependencies: ["CProtobufC", "CProtoDescriptor"]
        ),

        // MARK: Protocol types and code generation.

        /// Generated Swift value types for every message in `Protos/`, bridged through libprotobuf-c.
        .target(
            name: "HeraldProtos",
            dependencies: ["CHeraldProtos", "CProtobufC"],
            swiftSettings: swiftSettings
        ),
        /// Frames, the connection preface, status codes and RPC errors: pure, no I/O.
        .target(
            name: "HeraldWire",
            dependencies: ["HeraldProtos"],
            swiftSettings: swiftSettings
        ),
        /// Method descriptors, server protocols and client stubs generated per service, and the
        /// small runtime they stand on (call options, server context, channel protocol).
        .target(
            name: "HeraldRPC",
            dependencies: ["HeraldProtos", "HeraldWire", logging],
            swiftSettings: swiftSettings
        ),
        /// Reads a protoc descriptor set and writes the generated Swift sources.
        .target(
            name: "HeraldCodegen",
            dependencies: ["CProtoDescriptor", "CProtobufC"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "herald-codegen",
            dependencies: ["HeraldCodegen"],
            swiftSettings: swiftSettings
        ),

        // MARK: Cryptography and transport.

        /// Secure random bytes, SHA-256, HMAC-SHA256 and constant-time comparison, over OpenSSL's
        /// libcrypto.
        .target(
            name: "HeraldCrypto",
            dependencies: ["COpenSSL"],
            swiftSettings: swiftSettings
        ),

        /// TLS sessions and contexts over OpenSSL's libssl, driven through memory BIOs.
        .target(
            name: "HeraldTLS",
            dependencies: ["COpenSSL", logging],
            swiftSettings: swiftSettings
        ),
        /// Non-blocking sockets, a listener, and a TLS byte stream driven by Dispatch sources:
        /// the I/O both the server and the client stand on. All system calls live here.
        .target(
            name: "HeraldTransport",
            dependencies: ["HeraldTLS", "HeraldWire", logging],
            swiftSettings: swiftSettings
        ),
        /// The RPC server: connections speaking the frame protocol, call routing, access
        /// control, limits and drain.
        .target(
            name: "HeraldServer",
            dependencies: [
                "HeraldRPC", "HeraldWire", "HeraldProtos", "HeraldTLS", "HeraldTransport", "HeraldCrypto", logging,
            ],
            swiftSettings: swiftSettings
        ),
        /// The client library: pooled mTLS connections under the generated typed clients.
        .target(
            name: "HeraldClient",
            dependencies: ["HeraldRPC", "HeraldWire", "HeraldProtos", "HeraldTLS", "HeraldTransport", logging],
            swiftSettings: swiftSettings
        ),

        // MARK: Storage and services.

        /// The embedded store: per-table append-only logs, group commit, snapshots, recovery.
        .target(
            name: "HeraldStore",
            dependencies: ["HeraldProtos", logging],
            swiftSettings: swiftSettings
        ),
        /// What every service shares: resource ids, page tokens, field masks, validation, clock.
        .target(
            name: "HeraldServiceKit",
            dependencies: ["HeraldProtos", "HeraldWire", "HeraldCrypto", "HeraldStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeraldContacts",
            dependencies: ["HeraldRPC", "HeraldProtos", "HeraldWire", "HeraldStore", "HeraldServiceKit", logging],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeraldGroups",
            dependencies: [
                "HeraldRPC", "HeraldProtos", "HeraldWire", "HeraldStore", "HeraldServiceKit", "HeraldContacts", logging,
            ],
            swiftSettings: swiftSettings
        ),
        /// Placeholders for services not written yet (nothing imports them); they get their
        /// dependencies with their code.
        .target(name: "HeraldVerification", swiftSettings: swiftSettings),
        .target(name: "HeraldRules", swiftSettings: swiftSettings),

        // MARK: Executables (thin: parse options, hand over to the libraries).

        /// heraldd's assembly: settings from flags, environment and file; the store, the services
        /// and the server wired together; signals and drain.
        .target(
            name: "HeraldDaemon",
            dependencies: [
                "HeraldServer", "HeraldRPC", "HeraldProtos", "HeraldTLS", "HeraldTransport", "HeraldStore",
                "HeraldServiceKit", "HeraldContacts", "HeraldGroups", logging,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "heraldd",
            dependencies: ["HeraldDaemon", argumentParser, logging],
            swiftSettings: swiftSettings
        ),
        /// The `herald` command line's commands (a library so tests can run them).
        .target(
            name: "HeraldCLI",
            dependencies: [
                "HeraldClient", "HeraldRPC", "HeraldProtos", "HeraldWire", "HeraldTLS", "HeraldTransport",
                argumentParser,
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "herald",
            dependencies: ["HeraldCLI"],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks.

        /// Closed-loop load driver, server CPU sampling from /proc and table/JSON reports, shared by
        /// `herald-bench`, `herald-store-bench` and the grpc-swift-2 baseline package in
        /// `Benchmarks/GRPCBaseline`.
        .target(
            name: "HeraldBenchSupport",
            dependencies: [histogram],
            path: "Benchmarks/HeraldBenchSupport",
            swiftSettings: swiftSettings
        ),

        /// `swift run -c release herald-bench …`: load against a real heraldd.
        .executableTarget(
            name: "herald-bench",
            dependencies: [
                "HeraldBenchSupport", "HeraldClient", "HeraldProtos", "HeraldRPC", "HeraldTLS", "HeraldTransport",
                argumentParser,
            ],
            path: "Benchmarks/herald-bench",
            swiftSettings: swiftSettings
        ),

        /// Store benchmark: group commit vs one fsync per write, latency under snapshots,
        /// recovery rate, bytes and memory per record. `swift run -c release herald-store-bench`.
        .executableTarget(
            name: "herald-store-bench",
            dependencies: ["HeraldBenchSupport", "HeraldStore", logging],
            path: "Benchmarks/herald-store-bench",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests.

        /// The crash-test child: writes with many concurrent writers and prints each
        /// acknowledged key, until the test kills it (HeraldStoreTests' crash test).
        .executableTarget(
            name: "herald-store-torture",
            dependencies: ["HeraldStore", "HeraldTestSupport", logging],
            swiftSettings: swiftSettings
        ),

        /// Helpers for test targets and the test child `herald-store-torture`: test certificates
        /// made at run time, heraldd and other built executables as child processes
        /// (`HeraldProcess`, `CommandRunner`), temporary directories, bounded polls, a seeded
        /// random number generator.
        .target(
            name: "HeraldTestSupport",
            dependencies: ["HeraldTLS", "HeraldBenchSupport"],
            swiftSettings: swiftSettings
        ),
        /// What the service test targets share: a clock tests move by hand and `expectRPCError`
        /// (which imports the toolchain's swift-testing, so only test targets may depend on this).
        .target(
            name: "HeraldServiceTestSupport",
            dependencies: ["HeraldServiceKit", "HeraldProtos", "HeraldWire"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldCryptoTests",
            dependencies: ["HeraldCrypto"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldTLSTests",
            dependencies: ["HeraldTLS", "HeraldTestSupport", logging],
            swiftSettings: swiftSettings
        ),

        .testTarget(
            name: "HeraldProtosTests",
            dependencies: ["HeraldProtos", "HeraldTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldServerTests",
            dependencies: ["HeraldServer", "HeraldClient", "HeraldTestSupport", "HeraldTransport", logging],
            swiftSettings: swiftSettings
        ),
        /// heraldd's settings: flag over environment over config file over default, and errors
        /// naming the setting and where its value came from.
        .testTarget(
            name: "HeraldDaemonTests",
            dependencies: ["HeraldDaemon", "HeraldServer", "HeraldTransport", "HeraldTestSupport", logging],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldProcessTests",
            dependencies: [
                "HeraldClient", "HeraldTestSupport", "HeraldTransport", "HeraldProtos", "HeraldRPC", "HeraldWire",
            ],
            swiftSettings: swiftSettings
        ),
        /// The herald CLI: argument parsing, output formatting, commands against an in-process
        /// channel, and the binary against a real heraldd.
        .testTarget(
            name: "HeraldCLITests",
            dependencies: [
                "HeraldCLI", "HeraldTestSupport", "HeraldProtos", "HeraldRPC", "HeraldWire", argumentParser,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldContactsTests",
            dependencies: [
                "HeraldContacts", "HeraldStore", "HeraldServiceKit", "HeraldRPC", "HeraldProtos", "HeraldWire",
                "HeraldTestSupport", "HeraldServiceTestSupport", logging,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldCodegenTests",
            dependencies: ["HeraldCodegen", "HeraldTestSupport", "herald-codegen"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldBenchSupportTests",
            dependencies: ["HeraldBenchSupport"],
            swiftSettings: swiftSettings
        ),
        /// The group service against a real store and the real contact service.
        .testTarget(
            name: "HeraldGroupsTests",
            dependencies: [
                "HeraldGroups", "HeraldContacts", "HeraldStore", "HeraldServiceKit", "HeraldRPC", "HeraldProtos",
                "HeraldWire", "HeraldTestSupport", "HeraldServiceTestSupport", logging,
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldStoreTests",
            dependencies: ["HeraldStore", "HeraldProtos", "HeraldTestSupport", "herald-store-torture", logging],
            swiftSettings: swiftSettings
        ),
    ]
)
