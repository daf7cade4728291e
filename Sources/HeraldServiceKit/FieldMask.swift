public import HeraldWire

/// An update request's `update_mask`: which fields to replace.
public struct FieldMask: Sendable {
    public let paths: Set<String>

    /// Checks the mask against the fields an update may replace; `*` means all of them.
    ///
    /// - Throws: INVALID_ARGUMENT on `update_mask` (or `update_mask[i]`) for an empty mask or an
    ///   unknown path, listing the allowed ones.
    public init(_ paths: [String], allowed: [String]) throws(RPCError) {
        guard !paths.isEmpty else {
            throw RPCError.invalidArgument(
                field: "update_mask",
                "name the fields to replace (\(allowed.joined(separator: ", ")), or \"*\")"
            )
        }
        if paths.contains("*") {
            self.paths = Set(allowed)
            return
        }
        for (index, path) in paths.enumerated() where !allowed.contains(path) {
            throw RPCError.invalidArgument(
                field: "update_mask[\(index)]",
                "unknown or read-only field \"\(path)\"; allowed: \(allowed.joined(separator: ", "))"
            )
        }
        self.paths = Set(paths)
    }

    public func contains(_ path: String) -> Bool {
        paths.contains(path)
    }
}
