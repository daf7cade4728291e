import Foundation
import HeraldTestSupport
import Testing

@testable import HeraldStore

@Suite struct StoreTests {
    @Test func aSecondStoreOnTheSameDirectoryIsRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let first = try fixture.open()
        // Off the test's threads: a refused open waits about 50 ms for the lock first.
        let error = await #expect(throws: StoreError.self) { try await offThePool { try fixture.open() } }
        #expect(error?.code == .locked)
        #expect(error?.message.contains(fixture.path) == true)
        #expect(error?.message.contains("process \(ProcessInfo.processInfo.processIdentifier)") == true)
        try await first.close()
        let second = try fixture.open()
        try await second.close()
    }

    @Test func tablesAreOpenedOnceAndKeptApart() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        async let first = store.table("contacts")
        async let second = store.table("contacts")
        let (a, b) = try await (first, second)
        #expect(a === b)
        let groups = try await store.table("groups")
        try await a.put("x", [1])
        #expect(groups.get("x") == nil)
        try await store.close()
        #expect(try Files.list(fixture.path) == ["LOCK", "contacts", "groups"])
    }

    @Test(arguments: ["", "Contacts", "a/b", "..", String(repeating: "x", count: 65), "tab\t"])
    func invalidTableNamesAreRefused(name: String) async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let store = try fixture.open()
        let error = await #expect(throws: StoreError.self) { try await store.table(name) }
        #expect(error?.code == .invalidArgument)
        try await store.close()
    }

    @Test func theDataDirectoryIsCreatedWithItsParents() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let nested = fixture.path + "/a/b/data"
        let store = try Store(path: nested, logger: fixture.recorder.logger())
        let table = try await store.table("t")
        try await table.put("k", [1])
        try await store.close()
        #expect(Files.exists(nested + "/t/" + TableDirectory.segmentName(1)))
    }
}
