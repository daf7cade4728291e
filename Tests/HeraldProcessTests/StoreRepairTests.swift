import Foundation
import HeraldClient
import HeraldProtos
import HeraldRPC
import HeraldTestSupport
import HeraldTransport
import HeraldWire
import Testing

/// A byte damaged in the middle of the `contacts` log: heraldd refuses to start, naming the file
/// and offset; `--repair-store` truncates the log there, keeps a copy, and serves what came before.
@Suite struct StoreRepairTests {
    private static func channel(_ address: String, _ certificates: TestCertificates) throws -> HeraldChannel {
        var configuration = ClientConfiguration(
            serverAddress: try SocketAddress(parsing: address),
            tls: certificates.clientConfiguration()
        )
        configuration.defaultTenant = "acme"
        configuration.retry.maxAttempts = 1
        return try HeraldChannel(configuration: configuration)
    }

    private static func files(in directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    @Test func repairStoreTruncatesAtTheDamageAndServesTheRecordsBefore() async throws {
        let certificates = try await TestCertificates.shared()
        let temporary = try TemporaryDirectory("repair")
        defer { temporary.remove() }
        let directory = temporary.path
        let (first, address) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let herald = try Self.channel(address, certificates)
        var ids: [String] = []
        for number in 1...5 {
            let created = try await herald.contacts.createContact(
                CreateContactRequest(
                    contact: Contact(name: "Repair Contact \(number)", email: "repair\(number)@example.com")
                )
            )
            ids.append(try #require(created.contact?.id))
        }
        await herald.close()
        #expect(await first.stop() == 0)

        // One segment and no snapshot: the log alone holds the contacts.
        let table = (first.dataDirectory as NSString).appendingPathComponent("contacts")
        let segmentName = try #require(try Self.files(in: table).filter { $0.hasSuffix(".log") }.last)
        #expect(try Self.files(in: table).filter { $0.hasSuffix(".snapshot") }.isEmpty)
        let segmentPath = (table as NSString).appendingPathComponent(segmentName)
        let segment = try LogSegmentRecords(path: segmentPath)
        let damaged = try #require(segment.record(containing: "Repair Contact 3"))
        let following = segment.records.filter { $0.offset > damaged.offset }
        #expect(following.count >= 2, "valid records follow the damaged one: not a torn tail")
        var bytes = segment.bytes
        bytes[damaged.payload.lowerBound + damaged.payload.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: segmentPath))

        // Without --repair-store heraldd refuses to start and says where and what to do.
        let arguments = try HeraldProcess.prepare(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let refused = try await CommandRunner.run("heraldd", arguments)
        #expect(refused.status == 1, "\(refused.errorOutput)")
        #expect(refused.errorOutput.contains("heraldd cannot start: corruption: table \"contacts\""))
        #expect(
            refused.errorOutput.contains("bad record in \(segmentPath) at offset \(damaged.offset): CRC-32C mismatch"),
            "\(refused.errorOutput)"
        )
        #expect(refused.errorOutput.contains("Start with --repair-store to truncate the log there"))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: segmentPath))) == bytes, "a refusal changes nothing")

        // With --repair-store it starts, warns, keeps a copy and truncates at the damaged record.
        let (repaired, repairedAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory,
            arguments: ["--repair-store"]
        )
        let files = try Self.files(in: table)
        let copies = files.filter { $0.hasPrefix(segmentName + ".corrupt-") }
        #expect(copies.count == 1, "\(files)")
        let copyPath = (table as NSString).appendingPathComponent(try #require(copies.first))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: copyPath))) == bytes, "the copy is the damaged file")
        let kept = [UInt8](try Data(contentsOf: URL(fileURLWithPath: segmentPath)))
        #expect(kept == Array(bytes[..<damaged.offset]), "truncated at the damaged record")
        let warning = try await repaired.waitForLogLine { $0.contains("Repair: truncated the log at a bad record") }
        let line = try #require(warning, "\(repaired.logText)")
        #expect(line.contains(" warning "))
        #expect(line.contains("store.file=\(segmentPath)"))
        #expect(line.contains("store.offset=\(damaged.offset)"))
        #expect(line.contains("store.copy=\(copyPath)"))

        let again = try Self.channel(repairedAddress, certificates)
        for (index, id) in ids.enumerated() {
            if index < 2 {
                let contact = try await again.contacts.getContact(GetContactRequest(id: id))
                #expect(contact.contact?.name == "Repair Contact \(index + 1)")
            } else {
                let lost = await #expect(throws: RPCError.self) {
                    _ = try await again.contacts.getContact(GetContactRequest(id: id))
                }
                #expect(lost?.code == .notFound, "contact \(index + 1) was at or after the damage")
            }
        }
        #expect(try await again.contacts.listContacts(ListContactsRequest()).totalSize == 2)
        // The repaired log takes writes again, and the emails of lost contacts are free.
        _ = try await again.contacts.createContact(
            CreateContactRequest(contact: Contact(name: "Repair Contact 3 again", email: "repair3@example.com"))
        )
        await again.close()
        #expect(await repaired.stop() == 0)

        // A plain start afterwards finds a clean store.
        let (clean, cleanAddress) = try await HeraldProcess.start(
            certificates: certificates,
            policy: Policies.uriAdmin,
            directory: directory
        )
        let last = try Self.channel(cleanAddress, certificates)
        #expect(try await last.contacts.listContacts(ListContactsRequest()).totalSize == 3)
        await last.close()
        #expect(await clean.stop() == 0)
    }
}
