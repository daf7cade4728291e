import HeraldProtos
import HeraldWire
import Testing

/// The frame decoder alone, drip-fed: whole, one byte at a time, and split at every offset.
@Suite struct FrameDecoderTests {
    /// A preface and a few frames of every kind, and the frames they hold.
    static let stream: (bytes: [UInt8], frames: [DecodedFrame]) = {
        var bytes = ConnectionPreface.bytes
        var frames: [DecodedFrame] = []
        func add(_ type: FrameType, _ callID: UInt64, _ payload: [UInt8]) {
            FrameEncoder.appendFrame(type, callID: callID, payload: payload, to: &bytes)
            frames.append(DecodedFrame(type: type, callID: callID, payload: payload))
        }
        add(.settings, 0, try! Settings(protocolVersion: 1, maxFrameSize: 1 << 20).serializedBytes())
        add(.call, 1, [0, 0, 0, 2, 0x0A, 0x00] + Array("request".utf8))
        add(.ping, 0, [1, 2, 3, 4, 5, 6, 7, 8])
        add(.cancel, 1, [])
        add(.call, 2, Array(repeating: 0xAB, count: 3_000))
        return (bytes, frames)
    }()

    struct DecodedFrame: Equatable {
        var type: FrameType
        var callID: UInt64
        var payload: [UInt8]
    }

    /// Feeds `chunks` one after another and collects every frame.
    static func decode(_ chunks: [ArraySlice<UInt8>]) throws -> [DecodedFrame] {
        var decoder = FrameDecoder(maxFrameSize: 1 << 20)
        var frames: [DecodedFrame] = []
        for chunk in chunks {
            decoder.receive(chunk)
            while let frame = try decoder.nextFrame() {
                frames.append(DecodedFrame(type: frame.type, callID: frame.callID, payload: Array(frame.payload)))
            }
        }
        #expect(decoder.bufferedByteCount == 0)
        return frames
    }

    @Test func wholeStream() throws {
        #expect(try Self.decode([Self.stream.bytes[...]]) == Self.stream.frames)
    }

    @Test func oneByteAtATime() throws {
        let bytes = Self.stream.bytes
        #expect(try Self.decode(bytes.indices.map { bytes[$0...$0] }) == Self.stream.frames)
    }

    @Test func splitAtEveryOffset() throws {
        let bytes = Self.stream.bytes
        for offset in 1..<bytes.count {
            #expect(try Self.decode([bytes[..<offset], bytes[offset...]]) == Self.stream.frames, "split at \(offset)")
        }
    }

    @Test(arguments: [UInt32(1 << 20) + 1, UInt32.max])
    func oversizedLengthIsRejectedFromTheHeaderAlone(_ length: UInt32) throws {
        var decoder = FrameDecoder(maxFrameSize: 1 << 20)
        decoder.receive(ConnectionPreface.bytes + RawFrames.header(.call, callID: 1, announcing: length))
        #expect {
            _ = try decoder.nextFrame()
        } throws: { error in
            (error as? ProtocolViolation)?.code == .resourceExhausted
        }
    }

    @Test func frameOfExactlyTheMaximumIsAccepted() throws {
        var decoder = FrameDecoder(maxFrameSize: 16 * 1_024)
        decoder.receive(
            ConnectionPreface.bytes + RawFrames.frame(.call, callID: 1, payload: Array(repeating: 1, count: 16 * 1_024))
        )
        #expect(try decoder.nextFrame()?.payload.count == 16 * 1_024)
    }

    @Test func wrongPrefaceIsAWrongPeerButAnotherVersionIsNot() throws {
        var http = FrameDecoder()
        http.receive(Array("GET / HTTP/1.1\r\n".utf8))
        #expect {
            _ = try http.nextFrame()
        } throws: { error in
            (error as? ProtocolViolation)?.isWrongPeer == true
        }

        var version2 = FrameDecoder()
        version2.receive(Array(ConnectionPreface.bytes.dropLast()) + [2])
        #expect {
            _ = try version2.nextFrame()
        } throws: { error in
            let violation = error as? ProtocolViolation
            return violation?.isWrongPeer == false && violation?.code == .failedPrecondition
        }
    }
}
