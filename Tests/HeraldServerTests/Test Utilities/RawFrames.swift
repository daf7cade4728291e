import HeraldProtos
import HeraldRPC
import HeraldWire

/// Bytes of frames, built by hand for a ``RawConnection``.
enum RawFrames {
    static var preface: [UInt8] { ConnectionPreface.bytes }

    static func settings(_ settings: Settings = Settings(protocolVersion: 1)) -> [UInt8] {
        var bytes: [UInt8] = []
        try! FrameEncoder.appendFrame(.settings, callID: 0, message: settings, to: &bytes)
        return bytes
    }

    /// A CALL frame with a request header and the request's bytes.
    static func call(
        _ callID: UInt64,
        method: MethodInfo,
        tenant: String = "acme",
        deadlineMilliseconds: UInt64 = 0,
        idempotencyKey: String = "",
        body: [UInt8]
    ) -> [UInt8] {
        call(
            callID,
            path: method.path,
            tenant: tenant,
            deadlineMilliseconds: deadlineMilliseconds,
            idempotencyKey: idempotencyKey,
            body: body
        )
    }

    /// A CALL frame for a method given by its path.
    static func call(
        _ callID: UInt64,
        path: String,
        tenant: String = "acme",
        deadlineMilliseconds: UInt64 = 0,
        idempotencyKey: String = "",
        body: [UInt8]
    ) -> [UInt8] {
        var bytes: [UInt8] = []
        let header = RequestHeader(
            method: path,
            tenant: tenant,
            deadlineMs: deadlineMilliseconds,
            idempotencyKey: idempotencyKey
        )
        try! FrameEncoder.appendCall(callID: callID, header: header, encodedRequest: body, to: &bytes)
        return bytes
    }

    /// A GetContact CALL frame for the contact `id`.
    static func getContact(_ callID: UInt64, id: String, deadlineMilliseconds: UInt64 = 0) -> [UInt8] {
        call(
            callID,
            method: ContactService.getContact.info,
            deadlineMilliseconds: deadlineMilliseconds,
            body: TestRoutes.getContactRequest(id)
        )
    }

    /// A CALL frame with a typed request.
    static func call(
        _ callID: UInt64,
        method: MethodInfo,
        tenant: String = "acme",
        deadlineMilliseconds: UInt64 = 0,
        idempotencyKey: String = "",
        request: some ProtoMessage
    ) -> [UInt8] {
        call(
            callID,
            method: method,
            tenant: tenant,
            deadlineMilliseconds: deadlineMilliseconds,
            idempotencyKey: idempotencyKey,
            body: try! request.serializedBytes()
        )
    }

    /// Any frame: a header and a payload.
    static func frame(_ type: FrameType, callID: UInt64 = 0, payload: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        FrameEncoder.appendFrame(type, callID: callID, payload: payload, to: &bytes)
        return bytes
    }

    /// Only the 16 header bytes, announcing `length` payload bytes that never follow.
    static func header(_ type: FrameType, callID: UInt64 = 0, announcing length: UInt32) -> [UInt8] {
        var bytes = frame(type, callID: callID)
        bytes[0] = UInt8(truncatingIfNeeded: length >> 24)
        bytes[1] = UInt8(truncatingIfNeeded: length >> 16)
        bytes[2] = UInt8(truncatingIfNeeded: length >> 8)
        bytes[3] = UInt8(truncatingIfNeeded: length)
        return bytes
    }

    static func ping(_ payload: [UInt8]) -> [UInt8] { frame(.ping, payload: payload) }

    static func cancel(_ callID: UInt64) -> [UInt8] { frame(.cancel, callID: callID) }
}
