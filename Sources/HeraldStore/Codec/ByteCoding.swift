/// Little-endian integers in byte arrays, and the byte order of keys.
enum ByteCoding {
    /// Appends `value` as 4 little-endian bytes.
    @inline(__always)
    static func appendUInt32(_ value: UInt32, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// Appends `value` as 8 little-endian bytes.
    @inline(__always)
    static func appendUInt64(_ value: UInt64, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// Reads 4 little-endian bytes at `offset`.
    @inline(__always)
    static func uint32(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    /// Reads 8 little-endian bytes at `offset`.
    @inline(__always)
    static func uint64(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Reads 4 little-endian bytes at `offset` of an array.
    static func uint32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { uint32($0, at: offset) }
    }

    /// Reads 8 little-endian bytes at `offset` of an array.
    static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { uint64($0, at: offset) }
    }

    /// Compares two byte strings as unsigned bytes, lexicographically (a proper prefix sorts
    /// first): negative, zero or positive like `memcmp`.
    @inline(__always)
    static func compare(_ left: [UInt8], _ right: [UInt8]) -> Int {
        left.withUnsafeBytes { left in
            right.withUnsafeBytes { right in compare(left, right) }
        }
    }

    /// Compares two byte strings as unsigned bytes, lexicographically, 8 bytes at a time (for
    /// short keys a call to `memcmp` costs more than the comparison).
    @inline(__always)
    static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let common = min(left.count, right.count)
        var offset = 0
        while offset &+ 8 <= common {
            let a = left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let b = right.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            if a != b {
                return UInt64(bigEndian: a) < UInt64(bigEndian: b) ? -1 : 1
            }
            offset &+= 8
        }
        while offset < common {
            let a = left[offset]
            let b = right[offset]
            if a != b {
                return a < b ? -1 : 1
            }
            offset &+= 1
        }
        return left.count &- right.count
    }

    /// Feeds `bytes` and their count to `hasher` as one block.
    @inline(__always)
    static func hash(_ bytes: [UInt8], into hasher: inout Hasher) {
        hasher.combine(bytes.count)
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }

    /// Whether every byte is zero.
    static func isAllZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        for byte in bytes where byte != 0 {
            return false
        }
        return true
    }
}

extension ByteCoding {
    /// Binary search for `key` among keys stored back to back in `arena`, key `i` ending at
    /// `ends[i]` (and starting where key `i - 1` ends), sorted ascending.
    ///
    /// - Returns: the first position whose key is not below `key`, and whether it equals `key`.
    static func search(arena: [UInt8], ends: [UInt32], for key: [UInt8]) -> (index: Int, found: Bool) {
        arena.withUnsafeBytes { arena in
            ends.withUnsafeBufferPointer { ends in
                key.withUnsafeBytes { key in
                    var low = 0
                    var high = ends.count
                    while low < high {
                        let middle = (low &+ high) &>> 1
                        let start = middle == 0 ? 0 : Int(ends[middle &- 1])
                        let order = compare(
                            UnsafeRawBufferPointer(rebasing: arena[start..<Int(ends[middle])]),
                            key
                        )
                        if order < 0 {
                            low = middle &+ 1
                        } else if order > 0 {
                            high = middle
                        } else {
                            return (middle, true)
                        }
                    }
                    return (low, false)
                }
            }
        }
    }
}
