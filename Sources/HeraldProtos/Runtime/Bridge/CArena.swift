internal import CHeraldProtos
internal import CProtobufC

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A bump allocator for building one C message graph to pack: every struct, string and array
/// the message points to comes from here, and all of it is freed at once when the arena goes.
///
/// Not thread-safe: one arena serves one `CBridge.encode` call.
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []
    private var cursor: UnsafeMutableRawPointer?
    private var remaining = 0
    private static let blockSize = 4096
    private static let alignment = 16

    deinit {
        for block in blocks { free(block) }
    }

    /// `count` bytes aligned to 16, zeroed.
    func allocate(byteCount count: Int) -> UnsafeMutableRawPointer {
        let size = max(Self.alignment, (count + Self.alignment - 1) & ~(Self.alignment - 1))
        if size > remaining {
            let blockSize = max(Self.blockSize, size)
            guard let block = calloc(1, blockSize) else { fatalError("out of memory allocating \(blockSize) bytes") }
            blocks.append(block)
            cursor = block
            remaining = blockSize
        }
        let pointer = cursor!
        cursor = pointer + size
        remaining -= size
        return pointer
    }

    func allocate<T>(_: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        allocate(byteCount: MemoryLayout<T>.stride * count).bindMemory(to: T.self, capacity: count)
    }

    // MARK: Values generated `fill(_:arena:)` assigns

    /// A NUL-terminated copy of `string`.
    ///
    /// - Throws: when the string holds U+0000, which a C string cannot carry.
    func string(_ string: String, field: StaticString) throws(ProtoEncodingError) -> UnsafeMutablePointer<CChar> {
        var string = string
        let result: UnsafeMutablePointer<CChar>? = string.withUTF8 { utf8 in
            let count = utf8.count
            if count > 0, memchr(utf8.baseAddress!, 0, count) != nil { return nil }
            let copy = allocate(CChar.self, count: count + 1)
            if count > 0 {
                UnsafeMutableRawPointer(copy).copyMemory(from: utf8.baseAddress!, byteCount: count)
            }
            copy[count] = 0
            return copy
        }
        guard let result else { throw ProtoEncodingError(fieldPath: "\(field)") }
        return result
    }

    func strings(
        _ strings: [String],
        field: StaticString
    ) throws(ProtoEncodingError)
        -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    {
        let array = allocate(UnsafeMutablePointer<CChar>?.self, count: strings.count)
        for (index, element) in strings.enumerated() {
            array[index] = try string(element, field: field)
        }
        return array
    }

    func bytes(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        let copy = allocate(UInt8.self, count: bytes.count)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { copy.update(from: base, count: source.count) }
        }
        return ProtobufCBinaryData(len: bytes.count, data: copy)
    }

    func byteArrays(_ arrays: [[UInt8]]) -> UnsafeMutablePointer<ProtobufCBinaryData> {
        let array = allocate(ProtobufCBinaryData.self, count: arrays.count)
        for (index, element) in arrays.enumerated() {
            array[index] = bytes(element)
        }
        return array
    }

    func numbers<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
        let array = allocate(T.self, count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { array.update(from: base, count: source.count) }
        }
        return array
    }

    func bools(_ values: [Bool]) -> UnsafeMutablePointer<protobuf_c_boolean> {
        numbers(values.map { $0 ? 1 : 0 })
    }

    func enums<E: ProtoEnum, C: RawRepresentable>(_ values: [E]) -> UnsafeMutablePointer<C>
    where C.RawValue: BinaryInteger {
        numbers(values.map { C(rawValue: C.RawValue(truncatingIfNeeded: $0.rawValue))! })
    }

    /// An initialized C struct for `message`, filled.
    func message<M: CBridgedMessage>(_ message: M) throws(ProtoEncodingError) -> UnsafeMutablePointer<M.CMessage> {
        let raw = allocate(byteCount: M.cDescriptor.pointee.sizeof_message)
        protobuf_c_message_init(M.cDescriptor, raw)
        let cMessage = raw.bindMemory(to: M.CMessage.self, capacity: 1)
        try message.fill(cMessage, arena: self)
        return cMessage
    }

    func messages<M: CBridgedMessage>(
        _ messages: [M]
    ) throws(ProtoEncodingError)
        -> UnsafeMutablePointer<UnsafeMutablePointer<M.CMessage>?>
    {
        let array = pointers(to: M.CMessage.self, count: messages.count)
        for (index, element) in messages.enumerated() {
            array[index] = try message(element)
        }
        return array
    }

    /// An array of `count` null pointers to `T`.
    func pointers<T>(to _: T.Type, count: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<T>?> {
        allocate(UnsafeMutablePointer<T>?.self, count: count)
    }

    /// A map entry struct, initialized by its protoc-c `__init` function.
    func entry<T>(_: T.Type, initializer: (UnsafeMutablePointer<T>?) -> Void) -> UnsafeMutablePointer<T> {
        let entry = allocate(T.self, count: 1)
        initializer(entry)
        return entry
    }
}
