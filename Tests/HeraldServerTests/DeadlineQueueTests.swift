import HeraldTransport
import Testing

@Suite struct DeadlineQueueTests {
    @Test func expiresInDeadlineOrder() {
        var queue = DeadlineQueue()
        let start = ContinuousClock.now
        for (id, offset) in [(1, 30), (2, 10), (3, 20), (4, 10)] as [(UInt64, Int)] {
            queue.insert(start + .milliseconds(offset), callID: id)
        }
        #expect(queue.earliest == start + .milliseconds(10))
        #expect(Set(queue.popExpired(now: start + .milliseconds(15))) == [2, 4])
        #expect(queue.popExpired(now: start + .milliseconds(30)) == [3, 1])
        #expect(queue.isEmpty)
    }

    @Test func compactionKeepsOnlyLiveCallsAndTheOrder() {
        var queue = DeadlineQueue()
        let start = ContinuousClock.now
        for id in UInt64(0)..<2_000 {
            queue.insert(start + .milliseconds(Int(2_000 - id)), callID: id)
        }
        let live: Set<UInt64> = [5, 500, 1_999]
        queue.compact(liveCount: 0) { _ in false }  // Far more entries than live calls: compacts.
        #expect(queue.isEmpty)
        for id in UInt64(0)..<2_000 { queue.insert(start + .milliseconds(Int(2_000 - id)), callID: id) }
        queue.compact(liveCount: live.count) { live.contains($0) }
        #expect(queue.count == 3)
        #expect(queue.popExpired(now: start + .seconds(10)) == [1_999, 500, 5])
        for id in UInt64(0)..<100 { queue.insert(start, callID: id) }
        queue.compact(liveCount: 100) { _ in true }
        #expect(queue.count == 100, "not compacted while the live calls are most of it")
    }
}
