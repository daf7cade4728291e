// swift-tools-version:6.1
import PackageDescription

// The grpc-swift-2 baseline for Herald's transport benchmark: an echo server and a load generator
// over HTTP/2 + mutual TLS, driven by the same HeraldBenchSupport load driver as herald-bench.
// A package of its own so that Herald itself never depends on grpc-swift. Build on demand:
//
//     swift build -c release --package-path Benchmarks/GRPCBaseline

/// The same settings as the root package: Swift 6 language mode, explicit `public import`s, and
/// `any` spelled out for existentials.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "GRPCBaseline",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The Herald repository root, for HeraldBenchSupport only.
        .package(name: "Herald", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "grpc-baseline",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HeraldBenchSupport", package: "Herald"),
            ],
            swiftSettings: swiftSettings
        )
    ]
)
