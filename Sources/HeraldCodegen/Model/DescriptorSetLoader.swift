internal import CProtoDescriptor
internal import CProtobufC

/// Why a descriptor set could not be turned into a ``ProtoFile`` list.
public struct DescriptorSetError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Reads a `google.protobuf.FileDescriptorSet` (as written by
/// `protoc-c --descriptor_set_out --include_source_info --include_imports`) through
/// libprotobuf-c and converts it into the generator's model.
///
/// This is the only file of the generator that touches C types.
public enum DescriptorSetLoader {
    /// Parses a serialized descriptor set.
    ///
    /// - Parameter bytes: the file's contents.
    /// - Returns: every file in the set, in the set's order (dependencies first).
    /// - Throws: ``DescriptorSetError`` when the bytes are not a descriptor set.
    public static func load(_ bytes: [UInt8]) throws(DescriptorSetError) -> [ProtoFile] {
        let unpacked = bytes.withUnsafeBufferPointer { buffer in
            google__protobuf__file_descriptor_set__unpack(nil, buffer.count, buffer.baseAddress)
        }
        guard let set = unpacked else {
            throw DescriptorSetError(description: "not a serialized google.protobuf.FileDescriptorSet")
        }
        defer { google__protobuf__file_descriptor_set__free_unpacked(set, nil) }
        return pointers(set.pointee.file, set.pointee.n_file).map(file)
    }

    // MARK: Conversion

    private static func file(_ file: UnsafePointer<Google__Protobuf__FileDescriptorProto>) -> ProtoFile {
        let proto = file.pointee
        let comments = CommentIndex(proto.source_code_info)
        let package = string(proto.package)
        let messages = pointers(proto.message_type, proto.n_message_type).enumerated().map { index, decl in
            message(decl, scope: package, path: [4, Int32(index)], comments: comments)
        }
        let enums = pointers(proto.enum_type, proto.n_enum_type).enumerated().map { index, decl in
            enumeration(decl, scope: package, path: [5, Int32(index)], comments: comments)
        }
        let services = pointers(proto.service, proto.n_service).enumerated().map { index, decl in
            service(decl, package: package, path: [6, Int32(index)], comments: comments)
        }
        return ProtoFile(
            path: string(proto.name),
            messages: messages,
            enums: enums,
            services: services
        )
    }

    private static func message(
        _ decl: UnsafePointer<Google__Protobuf__DescriptorProto>,
        scope: String,
        path: [Int32],
        comments: CommentIndex
    ) -> ProtoMessageDecl {
        let proto = decl.pointee
        let name = string(proto.name)
        let fullName = qualified(scope, name)
        let fields = pointers(proto.field, proto.n_field).enumerated().map { index, field in
            self.field(field, comment: comments[path + [2, Int32(index)]])
        }
        let oneofs = pointers(proto.oneof_decl, proto.n_oneof_decl).enumerated().map { index, oneof in
            ProtoOneofDecl(
                name: string(oneof.pointee.name),
                comment: comments[path + [8, Int32(index)]],
                fieldNumbers: fields.filter { $0.oneofIndex == index }.map(\.number)
            )
        }
        let nestedMessages = pointers(proto.nested_type, proto.n_nested_type).enumerated().map { index, nested in
            message(nested, scope: fullName, path: path + [3, Int32(index)], comments: comments)
        }
        let nestedEnums = pointers(proto.enum_type, proto.n_enum_type).enumerated().map { index, nested in
            enumeration(nested, scope: fullName, path: path + [4, Int32(index)], comments: comments)
        }
        let isMapEntry = proto.options.map { $0.pointee.has_map_entry != 0 && $0.pointee.map_entry != 0 } ?? false
        return ProtoMessageDecl(
            fullName: fullName,
            name: name,
            comment: comments[path],
            fields: fields,
            oneofs: oneofs,
            nestedMessages: nestedMessages,
            nestedEnums: nestedEnums,
            isMapEntry: isMapEntry
        )
    }

    private static func field(
        _ decl: UnsafePointer<Google__Protobuf__FieldDescriptorProto>,
        comment: String
    ) -> ProtoFieldDecl {
        let proto = decl.pointee
        let typeName = string(proto.type_name)
        return ProtoFieldDecl(
            name: string(proto.name),
            number: proto.number,
            type: ProtoFieldType(rawValue: Int32(truncatingIfNeeded: proto.type.rawValue)) ?? .group,
            typeName: typeName.hasPrefix(".") ? String(typeName.dropFirst()) : typeName,
            isRepeated: proto.label.rawValue
                == GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__LABEL__LABEL_REPEATED.rawValue,
            oneofIndex: proto.has_oneof_index != 0 ? Int(proto.oneof_index) : nil,
            jsonName: string(proto.json_name),
            comment: comment
        )
    }

    private static func enumeration(
        _ decl: UnsafePointer<Google__Protobuf__EnumDescriptorProto>,
        scope: String,
        path: [Int32],
        comments: CommentIndex
    ) -> ProtoEnumDecl {
        let proto = decl.pointee
        let name = string(proto.name)
        let values = pointers(proto.value, proto.n_value).enumerated().map { index, value in
            ProtoEnumValueDecl(
                name: string(value.pointee.name),
                number: value.pointee.number,
                comment: comments[path + [2, Int32(index)]]
            )
        }
        return ProtoEnumDecl(
            fullName: qualified(scope, name),
            name: name,
            comment: comments[path],
            values: values
        )
    }

    private static func service(
        _ decl: UnsafePointer<Google__Protobuf__ServiceDescriptorProto>,
        package: String,
        path: [Int32],
        comments: CommentIndex
    ) -> ProtoServiceDecl {
        let proto = decl.pointee
        let name = string(proto.name)
        let methods = pointers(proto.method, proto.n_method).enumerated().map { index, method in
            self.method(method, comment: comments[path + [2, Int32(index)]])
        }
        return ProtoServiceDecl(
            fullName: qualified(package, name),
            name: name,
            comment: comments[path],
            methods: methods
        )
    }

    private static func method(
        _ decl: UnsafePointer<Google__Protobuf__MethodDescriptorProto>,
        comment: String
    ) -> ProtoMethodDecl {
        let proto = decl.pointee
        var idempotency = ProtoMethodDecl.Idempotency.unknown
        var custom: [Int32: UInt64] = [:]
        if let options = proto.options?.pointee {
            if options.has_idempotency_level != 0 {
                idempotency = .init(rawValue: Int32(truncatingIfNeeded: options.idempotency_level.rawValue)) ?? .unknown
            }
            custom = varintUnknownFields(options.base)
        }
        let inputType = string(proto.input_type)
        let outputType = string(proto.output_type)
        return ProtoMethodDecl(
            name: string(proto.name),
            comment: comment,
            inputType: inputType.hasPrefix(".") ? String(inputType.dropFirst()) : inputType,
            outputType: outputType.hasPrefix(".") ? String(outputType.dropFirst()) : outputType,
            isStreaming: proto.client_streaming != 0 || proto.server_streaming != 0,
            idempotency: idempotency,
            customVarintOptions: custom
        )
    }

    /// Extensions of descriptor options (custom options) are unknown to protoc-c's generated
    /// descriptor types; libprotobuf-c keeps them as unknown fields. Varint ones are decoded here.
    private static func varintUnknownFields(_ base: ProtobufCMessage) -> [Int32: UInt64] {
        var result: [Int32: UInt64] = [:]
        for index in 0..<Int(base.n_unknown_fields) {
            let field = base.unknown_fields[index]
            guard field.wire_type == PROTOBUF_C_WIRE_TYPE_VARINT, let data = field.data else { continue }
            var value: UInt64 = 0
            var shift: UInt64 = 0
            for offset in 0..<field.len where shift < 64 {
                value |= UInt64(data[offset] & 0x7f) << shift
                shift += 7
            }
            result[Int32(bitPattern: field.tag)] = value
        }
        return result
    }

    // MARK: C helpers

    private static func qualified(_ scope: String, _ name: String) -> String {
        scope.isEmpty ? name : "\(scope).\(name)"
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func pointers<T>(
        _ base: UnsafeMutablePointer<UnsafeMutablePointer<T>?>?,
        _ count: Int
    )
        -> [UnsafePointer<T>]
    {
        (0..<count).compactMap { base?[$0].map { UnsafePointer($0) } }
    }

    /// Leading comments of a file's declarations, keyed by their `SourceCodeInfo` path.
    private struct CommentIndex {
        private var comments: [[Int32]: String] = [:]

        init(_ info: UnsafeMutablePointer<Google__Protobuf__SourceCodeInfo>?) {
            guard let info else { return }
            for location in pointers(info.pointee.location, info.pointee.n_location) {
                guard let leading = location.pointee.leading_comments else { continue }
                let path = (0..<location.pointee.n_path).map { location.pointee.path[$0] }
                comments[path] = String(cString: leading)
            }
        }

        subscript(path: [Int32]) -> String {
            comments[path] ?? ""
        }
    }
}
