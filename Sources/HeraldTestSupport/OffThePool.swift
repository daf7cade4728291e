import Foundation

/// Runs blocking work on a thread of its own instead of one of Swift concurrency's few threads
/// (two on a 2-core machine), so tasks waiting for it never starve the others. Not on
/// `DispatchQueue.global()`: on Linux its threads run Swift's tasks too.
///
/// - Returns: What `work` returned.
/// - Throws: What `work` threw.
public func offThePool<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
    }
}
