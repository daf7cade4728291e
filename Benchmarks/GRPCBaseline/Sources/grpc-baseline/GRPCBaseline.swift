import ArgumentParser

/// The grpc-swift-2 baseline for Herald's transport benchmark.
@main
struct GRPCBaseline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grpc-baseline",
        abstract: "An echo server and closed-loop load generator over grpc-swift-2 (HTTP/2 + mutual TLS).",
        discussion: """
            The same load as herald-bench, against grpc-swift-2 on this machine: C connections × N \
            concurrent unary calls of a raw-bytes echo method, printing calls/s, p50/p90/p99/max \
            latency and server CPU per call. `run` starts the server, loads it and stops it.
            """,
        subcommands: [ServerCommand.self, LoadCommand.self, RunCommand.self]
    )
}
