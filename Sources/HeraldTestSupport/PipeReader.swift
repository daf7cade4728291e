import Foundation

/// Reads a pipe to its end on a thread of its own.
///
/// Not `FileHandle.readabilityHandler`: that watches the descriptor with a Dispatch source,
/// and when the handle closes its descriptor on deallocation while the source is still being
/// cancelled, libdispatch's event loop can crash on the stale registration. A plain thread
/// blocked in `read` has no such race, and never holds one of Swift's cooperative threads.
enum PipeReader {
    /// Starts reading: every chunk goes to `onData`, then `onEnd` is called once.
    static func start(
        _ handle: FileHandle,
        onData: @escaping @Sendable (Data) -> Void,
        onEnd: @escaping @Sendable () -> Void
    ) {
        let thread = Thread {
            while true {
                let data = handle.availableData
                if data.isEmpty { break }
                onData(data)
            }
            onEnd()
        }
        thread.start()
    }
}
