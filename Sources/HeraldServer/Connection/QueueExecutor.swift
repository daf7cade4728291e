import Dispatch

/// A task executor that runs jobs on a connection's serial queue.
///
/// Call handlers are started with this executor as their preference: they begin on the
/// connection's queue and return to it after each suspension, so a call that does not hop
/// elsewhere runs start to finish without waking another thread, and its reply is written from
/// the same queue that reads the connection.
final class QueueExecutor: TaskExecutor, @unchecked Sendable {
    // @unchecked: holds only an immutable reference to a thread-safe DispatchQueue.
    let queue: DispatchQueue

    init(queue: DispatchQueue) {
        self.queue = queue
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { [self] in
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
