import ArgumentParser
import Foundation
import HeraldBenchSupport
import HeraldClient
import HeraldProtos
import HeraldRPC
import Synchronization

/// `herald-bench contacts`: the contact service through the whole stack — mutual TLS, the
/// frame protocol, access control, validation, and the store in `always` durability (every
/// acknowledged create is fdatasync'ed).
struct ContactsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contacts",
        abstract: "CreateContact, GetContact and SearchContacts calls/s and latency; server memory per 100k contacts.",
        discussion: """
            Starts heraldd with durability always, then runs each operation as a closed-loop load \
            of C connections × N calls. CreateContact spreads contacts over tenants (90 per \
            tenant, under the default quota of 100). The memory run creates --memory-contacts \
            contacts over --memory-tenants tenants and reports the server's resident memory \
            growth from /proc.
            """
    )

    @Option(name: .shortAndLong, help: "Connections (C).") var connections = 4
    @Option(name: [.customShort("n"), .long], help: "Calls in flight per connection (N).") var concurrency = 16
    @Option(help: "Measured seconds per operation.") var duration = 10
    @Option(help: "Warm-up seconds per operation.") var warmup = 2
    @Option(help: "Contacts created for the memory measurement (0 skips it).") var memoryContacts = 100_000
    @Option(help: "Tenants the memory measurement spreads them over.") var memoryTenants = 1_000
    @Flag(help: "Print only the JSON report.") var json = false
    @OptionGroup var server: ServerOptions

    func run() async throws {
        let load = LoadConfiguration(
            connections: connections,
            concurrency: concurrency,
            payloadBytes: 0,
            warmup: .seconds(warmup),
            duration: .seconds(duration)
        )
        let document = try await server.withServer(extraArguments: ["--durability", "always"]) { heraldd, channels in
            var results: [LoadResult] = []
            // CreateContact: unique emails, 90 contacts per tenant.
            results.append(
                try await measure("CreateContact", load, heraldd, channels) { channel, number in
                    let request = CreateContactRequest(
                        contact: Contact(name: "Bench Contact \(number)", email: "c\(number)@bench.example")
                    )
                    _ = try await channel.contacts.createContact(
                        request,
                        options: CallOptions(tenant: "create-\(number / 90)")
                    )
                }
            )
            let ids = try await seed(heraldd, channels)
            results.append(
                try await measure("GetContact", load, heraldd, channels) { channel, number in
                    _ = try await channel.contacts.getContact(
                        GetContactRequest(id: ids[number % ids.count]),
                        options: CallOptions(tenant: "bench-read")
                    )
                }
            )
            // SearchContacts over the tenant's 100 contacts, 25 matches per query.
            let queries = ["zhang", "li ", "wang", "chen"]
            results.append(
                try await measure("SearchContacts", load, heraldd, channels) { channel, number in
                    _ = try await channel.contacts.searchContacts(
                        SearchContactsRequest(query: queries[number % queries.count], field: .name),
                        options: CallOptions(tenant: "bench-read")
                    )
                }
            )
            var memory: MemoryReport?
            if memoryContacts > 0 {
                memory = try await measureMemory(heraldd, channels)
            }
            return ContactsReport(report: LoadReport(results: results), memory: memory)
        }
        if !json {
            print(document.report.table())
            if let memory = document.memory { print(memory.text) }
        }
        print(try document.jsonString())
    }

    /// Runs `call` as a closed-loop load, each connection on a channel of its own; `call` gets
    /// the channel and a number no other call of the run gets (0, 1, 2 …).
    private func measure(
        _ stack: String,
        _ load: LoadConfiguration,
        _ heraldd: ServerProcess,
        _ channels: ChannelList,
        call: @escaping @Sendable (HeraldChannel, Int) async throws -> Void
    ) async throws -> LoadResult {
        let counter = SharedCounter()
        return try await LoadDriver(configuration: load).run(stack: stack, serverPID: heraldd.pid) { _ in
            let channel = try await server.channel(to: heraldd, in: channels)
            return { try await call(channel, counter.next()) }
        }
    }

    /// 100 contacts in tenant `bench-read`, for GetContact and SearchContacts.
    private func seed(_ heraldd: ServerProcess, _ channels: ChannelList) async throws -> [String] {
        let channel = try await server.channel(to: heraldd, in: channels)
        var ids: [String] = []
        for index in 0..<100 {
            let request = CreateContactRequest(
                contact: Contact(
                    name: "Reader \(index) \(["Zhang", "Li", "Wang", "Chen"][index % 4])",
                    email: "r\(index)@bench.example"
                )
            )
            let response = try await channel.contacts.createContact(request, options: CallOptions(tenant: "bench-read"))
            ids.append(response.contact?.id ?? "")
        }
        return ids
    }

    /// Resident memory growth while `memoryContacts` contacts are created over
    /// `memoryTenants` tenants.
    private func measureMemory(_ heraldd: ServerProcess, _ channels: ChannelList) async throws -> MemoryReport {
        let before = try residentBytes(heraldd.pid)
        let perTenant = (memoryContacts + memoryTenants - 1) / memoryTenants
        let next = SharedCounter()
        let total = memoryContacts
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                let channel = try await server.channel(to: heraldd, in: channels)
                for _ in 0..<concurrency {
                    group.addTask {
                        while true {
                            let number = next.next()
                            guard number < total else { return }
                            let contact = Contact(
                                name: "Memory Contact \(number)",
                                phone: "+86139\(String(format: "%08d", number))",
                                email: "m\(number)@memory.example"
                            )
                            _ = try await channel.contacts.createContact(
                                CreateContactRequest(contact: contact),
                                options: CallOptions(tenant: "memory-\(number / perTenant)")
                            )
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let after = try residentBytes(heraldd.pid)
        return MemoryReport(contacts: total, tenants: memoryTenants, before: before, after: after)
    }

    private func residentBytes(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw ValidationError("cannot read VmRSS of \(pid)") }
        return kilobytes * 1024
    }
}

/// What `herald-bench contacts --json` prints: one document with the load report and the
/// memory measurement (absent when skipped).
struct ContactsReport: Encodable {
    var report: LoadReport
    var memory: MemoryReport?

    /// Pretty-printed with sorted keys, like ``LoadReport/jsonString()``.
    func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

/// Server memory growth for a number of contacts.
struct MemoryReport: Encodable {
    var contacts: Int
    var tenants: Int
    var before: Int
    var after: Int

    private enum CodingKeys: String, CodingKey {
        case contacts, tenants, residentBytesBefore, residentBytesAfter, bytesPerContact
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(contacts, forKey: .contacts)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(before, forKey: .residentBytesBefore)
        try container.encode(after, forKey: .residentBytesAfter)
        try container.encode(Int(perContact), forKey: .bytesPerContact)
    }

    var perContact: Double { Double(after - before) / Double(contacts) }

    var text: String {
        let mib = { (bytes: Int) in String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
        return """
            server resident memory: \(mib(before)) before, \(mib(after)) after \(contacts) contacts in \(tenants) tenants
            growth: \(mib(after - before)) = \(String(format: "%.0f", perContact)) bytes per contact = \(mib(Int(perContact * 100_000))) per 100k contacts
            """
    }
}

/// A counter shared by the load's tasks.
final class SharedCounter: Sendable {
    private let value = Atomic<Int>(0)

    /// The current value, then adds one.
    func next() -> Int {
        value.wrappingAdd(1, ordering: .relaxed).oldValue
    }
}
