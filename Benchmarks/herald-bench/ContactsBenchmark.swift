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
        let heraldd = try await server.launch(extraArguments: ["--durability", "always"])
        let address = "\(heraldd.announcement.host):\(heraldd.announcement.port)"
        let load = LoadConfiguration(
            connections: connections,
            concurrency: concurrency,
            payloadBytes: 0,
            warmup: .seconds(warmup),
            duration: .seconds(duration)
        )
        let channels = ChannelList()
        var results: [LoadResult] = []
        var memory: MemoryReport?
        do {
            results.append(try await create(load, address: address, pid: heraldd.pid, channels: channels))
            let seeded = try await seed(address: address, channels: channels)
            results.append(try await get(load, address: address, pid: heraldd.pid, ids: seeded, channels: channels))
            results.append(try await search(load, address: address, pid: heraldd.pid, channels: channels))
            if memoryContacts > 0 {
                memory = try await measureMemory(address: address, pid: heraldd.pid, channels: channels)
            }
        } catch {
            await channels.closeAll()
            await heraldd.terminate()
            throw error
        }
        await channels.closeAll()
        await heraldd.terminate()
        let report = LoadReport(results: results)
        if !json {
            print(report.table())
            if let memory { print(memory.text) }
        }
        print(try report.jsonString())
        if let memory { print(memory.json) }
    }

    private func channel(_ address: String, _ channels: ChannelList) async throws -> HeraldChannel {
        let channel = try server.channel(to: address)
        await channels.add(channel)
        return channel
    }

    /// CreateContact: unique emails, 90 contacts per tenant.
    private func create(
        _ load: LoadConfiguration,
        address: String,
        pid: Int32,
        channels: ChannelList
    ) async throws
        -> LoadResult
    {
        let counter = SharedCounter()
        return try await LoadDriver(configuration: load).run(stack: "CreateContact", serverPID: pid) { _ in
            let channel = try await channel(address, channels)
            return {
                let number = counter.next()
                let request = CreateContactRequest(
                    contact: Contact(name: "Bench Contact \(number)", email: "c\(number)@bench.example")
                )
                _ = try await channel.contacts.createContact(
                    request,
                    options: CallOptions(tenant: "create-\(number / 90)")
                )
            }
        }
    }

    /// 100 contacts in tenant `bench-read`, for GetContact and SearchContacts.
    private func seed(address: String, channels: ChannelList) async throws -> [String] {
        let channel = try await channel(address, channels)
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

    private func get(
        _ load: LoadConfiguration,
        address: String,
        pid: Int32,
        ids: [String],
        channels: ChannelList
    )
        async throws -> LoadResult
    {
        let counter = SharedCounter()
        return try await LoadDriver(configuration: load).run(stack: "GetContact", serverPID: pid) { _ in
            let channel = try await channel(address, channels)
            return {
                let id = ids[counter.next() % ids.count]
                _ = try await channel.contacts.getContact(
                    GetContactRequest(id: id),
                    options: CallOptions(tenant: "bench-read")
                )
            }
        }
    }

    /// SearchContacts over the tenant's 100 contacts, 25 matches per query.
    private func search(
        _ load: LoadConfiguration,
        address: String,
        pid: Int32,
        channels: ChannelList
    ) async throws
        -> LoadResult
    {
        let counter = SharedCounter()
        let queries = ["zhang", "li ", "wang", "chen"]
        return try await LoadDriver(configuration: load).run(stack: "SearchContacts", serverPID: pid) { _ in
            let channel = try await channel(address, channels)
            return {
                let query = queries[counter.next() % queries.count]
                _ = try await channel.contacts.searchContacts(
                    SearchContactsRequest(query: query, field: .name),
                    options: CallOptions(tenant: "bench-read")
                )
            }
        }
    }

    /// Resident memory growth while `memoryContacts` contacts are created over
    /// `memoryTenants` tenants.
    private func measureMemory(address: String, pid: Int32, channels: ChannelList) async throws -> MemoryReport {
        let before = try residentBytes(pid)
        let perTenant = (memoryContacts + memoryTenants - 1) / memoryTenants
        let next = SharedCounter()
        let total = memoryContacts
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<connections {
                let channel = try await channel(address, channels)
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
        let after = try residentBytes(pid)
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

/// Server memory growth for a number of contacts.
struct MemoryReport {
    var contacts: Int
    var tenants: Int
    var before: Int
    var after: Int

    var perContact: Double { Double(after - before) / Double(contacts) }

    var text: String {
        let mib = { (bytes: Int) in String(format: "%.1f MiB", Double(bytes) / 1_048_576) }
        return """
            server resident memory: \(mib(before)) before, \(mib(after)) after \(contacts) contacts in \(tenants) tenants
            growth: \(mib(after - before)) = \(String(format: "%.0f", perContact)) bytes per contact = \(mib(Int(perContact * 100_000))) per 100k contacts
            """
    }

    var json: String {
        #"{"memory": {"contacts": \#(contacts), "tenants": \#(tenants), "residentBytesBefore": \#(before), "residentBytesAfter": \#(after), "bytesPerContact": \#(Int(perContact))}}"#
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
