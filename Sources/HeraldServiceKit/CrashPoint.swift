#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Named places where debug builds can be made to die on purpose, for crash tests with a real
/// process: with `HERALD_CRASH_POINT=<name>` in the environment, the process kills itself
/// with SIGKILL when it reaches that point — exactly like `kill -9` at the worst moment.
/// Release builds ignore it.
///
/// The one place the service targets call the C library (`getenv`, `kill`): Swift has no
/// other way to kill the process with SIGKILL.
public enum CrashPoint {
    public static func reached(_ name: StaticString) {
        #if DEBUG
        guard let wanted = getenv("HERALD_CRASH_POINT"), String(cString: wanted) == "\(name)" else { return }
        kill(getpid(), SIGKILL)
        #endif
    }
}
