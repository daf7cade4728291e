import Foundation
import HeraldTestSupport
import Testing

/// `Scripts/check-generated.sh` must fail when a generated file is edited (`Scripts/test.sh` runs
/// it on the repository itself, where it must pass). It runs protoc-c, which `Scripts/test.sh`
/// installs, and the herald-codegen built next to the tests (or the one `HERALD_CODEGEN` names).
@Suite(.serialized) struct GeneratedCodeCheckTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs the check against `tree`; returns its exit status and output.
    private func check(tree: URL) async throws -> (status: Int32, output: String) {
        var environment = ProcessInfo.processInfo.environment
        if environment["HERALD_CODEGEN"] == nil {
            environment["HERALD_CODEGEN"] = try HeraldProcess.executable("herald-codegen")
        }
        let result = try await CommandRunner.run(
            Self.root.appendingPathComponent("Scripts/check-generated.sh"),
            [tree.path],
            environment: environment,
            timeout: .seconds(300)
        )
        return (result.status, result.output + result.errorOutput)
    }

    /// A copy of the repository's generated sources in a temporary directory.
    private func copyOfGeneratedSources() throws -> URL {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("herald-check-\(UUID().uuidString)")
        for target in ["CProtoDescriptor", "CHeraldProtos", "HeraldProtos", "HeraldRPC"] {
            let destination = tree.appendingPathComponent("Sources/\(target)")
            try FileManager.default.createDirectory(
                at: destination.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try FileManager.default.copyItem(at: Self.root.appendingPathComponent("Sources/\(target)"), to: destination)
        }
        return tree
    }

    @Test(
        "an edited generated file fails the check",
        arguments: [
            "Sources/HeraldProtos/Generated/contact.pb.swift",
            "Sources/HeraldRPC/Generated/group.rpc.swift",
            "Sources/CHeraldProtos/herald/v1/rule.pb-c.c",
        ]
    )
    func editedFileFailsTheCheck(_ path: String) async throws {
        let tree = try copyOfGeneratedSources()
        defer { try? FileManager.default.removeItem(at: tree) }
        let file = tree.appendingPathComponent(path)
        let original = try String(contentsOf: file, encoding: .utf8)
        try (original + "\n// a hand edit\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try await check(tree: tree)
        #expect(result.status != 0)
        #expect(result.output.contains("differs"))
    }
}
