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

let package = Package(
    name: "Herald",
    products: [
        .library(name: "HeraldClient", targets: ["HeraldClient"]),
        .executable(name: "heraldd", targets: ["heraldd"]),
        .executable(name: "herald", targets: ["herald"]),
        .executable(name: "herald-codegen", targets: ["herald-codegen"]),
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

        // MARK: Transport.

        /// TLS sessions and contexts over OpenSSL's libssl, driven through memory BIOs.
        .target(
            name: "HeraldTLS",
            dependencies: ["COpenSSL", logging],
            swiftSettings: swiftSettings
        ),
        /// The RPC server: Dispatch-source listener and connections, call routing, access
        /// control and limits.
        .target(
            name: "HeraldServer",
            dependencies: ["HeraldRPC", "HeraldWire", "HeraldProtos", "HeraldTLS", logging],
            swiftSettings: swiftSettings
        ),
        /// The client library: pooled mTLS connections under the generated typed clients.
        .target(
            name: "HeraldClient",
            dependencies: ["HeraldRPC", "HeraldWire", "HeraldProtos", "HeraldTLS", logging],
            swiftSettings: swiftSettings
        ),

        // MARK: Storage and services.

        /// The embedded store: per-table append-only logs, group commit, snapshots, recovery.
        .target(
            name: "HeraldStore",
            dependencies: ["HeraldProtos", logging],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeraldContacts",
            dependencies: ["HeraldRPC", "HeraldProtos", "HeraldStore", logging],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeraldGroups",
            dependencies: ["HeraldRPC", "HeraldProtos", "HeraldStore", "HeraldContacts", logging],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeraldVerification",
            dependencies: ["HeraldRPC", "HeraldProtos", "HeraldStore", "HeraldContacts", logging],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeraldRules",
            dependencies: [
                "HeraldRPC", "HeraldProtos", "HeraldStore", "HeraldContacts", "HeraldGroups", logging,
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables (thin: parse options, hand over to the libraries).

        .executableTarget(
            name: "heraldd",
            dependencies: ["HeraldServer", argumentParser, logging],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "herald",
            dependencies: ["HeraldClient", argumentParser],
            swiftSettings: swiftSettings
        ),

        /// The crash-test child: writes with many concurrent writers and prints each
        /// acknowledged key, until the test kills it (HeraldStoreTests' crash test).
        .executableTarget(
            name: "herald-store-torture",
            dependencies: ["HeraldStore", logging],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks.

        /// Store benchmark: group commit vs one fsync per write, latency under snapshots,
        /// recovery rate, bytes and memory per record. `swift run -c release herald-store-bench`.
        .executableTarget(
            name: "herald-store-bench",
            dependencies: [
                "HeraldStore", logging, .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Benchmarks/herald-store-bench",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests.

        .testTarget(
            name: "HeraldProtosTests",
            dependencies: ["HeraldProtos"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldCodegenTests",
            dependencies: ["HeraldCodegen"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeraldStoreTests",
            dependencies: ["HeraldStore", "HeraldProtos", "herald-store-torture", logging],
            swiftSettings: swiftSettings
        ),
    ]
)
