/// A value that can be a field of a message in proto3 JSON.
///
/// Integers of 64 bits are written as strings (JSON numbers lose precision past 2^53 in many
/// languages) and read from either form; enums are written by name and read by name or number.
public protocol ProtoJSONCodable: Sendable {
    /// Reads the value; `path` names it in error messages.
    init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError)

    /// The value in proto3 JSON.
    var protoJSON: JSONValue { get }

    /// True when the value is the proto3 default, which JSON output leaves out.
    var isProtoJSONDefault: Bool { get }
}

extension ProtoMessage {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        try self.init(json: json, path: path)
    }

    public var protoJSON: JSONValue { jsonValue }

    public var isProtoJSONDefault: Bool { self == Self() }
}

extension ProtoEnum {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        switch json {
        case .string(let name):
            guard let value = Self(protoName: name) else {
                let names = Self.protoValueNames.map(\.name).joined(separator: ", ")
                throw ProtoJSONError(path: path, message: "unknown value \"\(name)\"; expected one of \(names)")
            }
            self = value
        case .number:
            self.init(rawValue: try Int32(protoJSON: json, path: path))
        default:
            throw ProtoJSONError(path: path, message: "expected an enum name, found \(json.kindName)")
        }
    }

    public var protoJSON: JSONValue {
        protoName.map(JSONValue.string) ?? .number(String(rawValue))
    }

    public var isProtoJSONDefault: Bool { rawValue == 0 }
}

extension String: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        guard case .string(let value) = json else {
            throw ProtoJSONError(path: path, message: "expected a string, found \(json.kindName)")
        }
        self = value
    }

    public var protoJSON: JSONValue { .string(self) }
    public var isProtoJSONDefault: Bool { isEmpty }
}

extension Bool: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        guard case .bool(let value) = json else {
            throw ProtoJSONError(path: path, message: "expected true or false, found \(json.kindName)")
        }
        self = value
    }

    public var protoJSON: JSONValue { .bool(self) }
    public var isProtoJSONDefault: Bool { !self }
}

/// Reading integers: a JSON number or a string holding one, integral and in range.
private func integer<T: FixedWidthInteger>(_: T.Type, from json: JSONValue, path: String) throws(ProtoJSONError) -> T {
    let text: String
    switch json {
    case .number(let literal): text = literal
    case .string(let literal): text = literal
    default: throw ProtoJSONError(path: path, message: "expected an integer, found \(json.kindName)")
    }
    if let value = T(text) { return value }
    if let double = Double(text), double.rounded() == double, let value = T(exactly: double) { return value }
    throw ProtoJSONError(path: path, message: "\"\(text)\" is not an integer in the range of \(T.self)")
}

extension Int32: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        self = try integer(Int32.self, from: json, path: path)
    }

    public var protoJSON: JSONValue { .number(String(self)) }
    public var isProtoJSONDefault: Bool { self == 0 }
}

extension UInt32: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        self = try integer(UInt32.self, from: json, path: path)
    }

    public var protoJSON: JSONValue { .number(String(self)) }
    public var isProtoJSONDefault: Bool { self == 0 }
}

extension Int64: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        self = try integer(Int64.self, from: json, path: path)
    }

    public var protoJSON: JSONValue { .string(String(self)) }
    public var isProtoJSONDefault: Bool { self == 0 }
}

extension UInt64: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        self = try integer(UInt64.self, from: json, path: path)
    }

    public var protoJSON: JSONValue { .string(String(self)) }
    public var isProtoJSONDefault: Bool { self == 0 }
}

/// Reading floating point: a JSON number, or one of the strings "NaN", "Infinity", "-Infinity".
private func floatingPoint(from json: JSONValue, path: String) throws(ProtoJSONError) -> Double {
    switch json {
    case .number(let literal):
        if let value = Double(literal) { return value }
    case .string("NaN"): return .nan
    case .string("Infinity"): return .infinity
    case .string("-Infinity"): return -.infinity
    case .string(let literal):
        if let value = Double(literal), value.isFinite { return value }
    default: break
    }
    throw ProtoJSONError(path: path, message: "expected a number, found \(json.kindName)")
}

private func floatingPointJSON(_ value: Double) -> JSONValue {
    if value.isNaN { return .string("NaN") }
    if value.isInfinite { return .string(value > 0 ? "Infinity" : "-Infinity") }
    if value.rounded() == value, abs(value) < 1e15 { return .number(String(Int64(value))) }
    return .number(String(value))
}

extension Double: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        self = try floatingPoint(from: json, path: path)
    }

    public var protoJSON: JSONValue { floatingPointJSON(self) }
    public var isProtoJSONDefault: Bool { self == 0 && sign == .plus }
}

extension Float: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        self = Float(try floatingPoint(from: json, path: path))
    }

    public var protoJSON: JSONValue { floatingPointJSON(Double(self)) }
    public var isProtoJSONDefault: Bool { self == 0 && sign == .plus }
}

extension Array: ProtoJSONCodable where Element: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        guard case .array(let elements) = json else {
            throw ProtoJSONError(path: path, message: "expected an array, found \(json.kindName)")
        }
        self = []
        reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            append(try Element(protoJSON: element, path: "\(path)[\(index)]"))
        }
    }

    public var protoJSON: JSONValue { .array(map(\.protoJSON)) }
    public var isProtoJSONDefault: Bool { isEmpty }
}

extension Dictionary: ProtoJSONCodable where Key == String, Value: ProtoJSONCodable {
    public init(protoJSON json: JSONValue, path: String) throws(ProtoJSONError) {
        guard case .object(let members) = json else {
            throw ProtoJSONError(path: path, message: "expected an object, found \(json.kindName)")
        }
        self = [:]
        for member in members {
            self[member.key] = try Value(protoJSON: member.value, path: "\(path)[\(String(reflecting: member.key))]")
        }
    }

    public var protoJSON: JSONValue {
        .object(sorted { $0.key < $1.key }.map { JSONMember($0.key, $0.value.protoJSON) })
    }

    public var isProtoJSONDefault: Bool { isEmpty }
}
