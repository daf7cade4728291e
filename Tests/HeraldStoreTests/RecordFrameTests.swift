import Testing

@testable import HeraldStore

@Suite struct RecordFrameTests {
    @Test(arguments: [1, 2, 15, 16, 17, 100, 4096, 70_000])
    func roundTrip(payloadSize: Int) throws {
        let payload = (0..<payloadSize).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let sequence: UInt64 = 0x0102_0304_0506_0708
        let frame = RecordFrame.encode(sequence: sequence, payload: payload)
        #expect(frame.count == RecordFrame.headerSize + payloadSize)
        let record = try RecordFrame.decode(frame, at: 0).get()
        #expect(record.sequence == sequence)
        #expect(Array(frame[record.payload]) == payload)
        #expect(record.end == frame.count)
    }

    @Test func consecutiveRecordsDecodeInOrder() throws {
        var buffer: [UInt8] = [0xAA, 0xBB]
        for sequence in 1...50 {
            RecordFrame.append(sequence: UInt64(sequence), payload: Array("record \(sequence)".utf8), to: &buffer)
        }
        var offset = 2
        for sequence in 1...50 {
            let record = try RecordFrame.decode(buffer, at: offset).get()
            #expect(record.sequence == UInt64(sequence))
            #expect(String(decoding: buffer[record.payload], as: UTF8.self) == "record \(sequence)")
            offset = record.end
        }
        #expect(offset == buffer.count)
    }

    @Test func layoutIsLengthChecksumSequencePayload() {
        let frame = RecordFrame.encode(sequence: 5, payload: [0x41, 0x42])
        #expect(Array(frame[0..<4]) == [2, 0, 0, 0])
        #expect(Array(frame[8..<16]) == [5, 0, 0, 0, 0, 0, 0, 0])
        #expect(Array(frame[16...]) == [0x41, 0x42])
        let covered = Array(frame[0..<4]) + Array(frame[8...])
        #expect(ByteCoding.uint32(frame, at: 4) == CRC32C.checksum(covered))
    }

    @Test func everyCutOfARecordIsReportedAsTruncated() {
        let frame = RecordFrame.encode(sequence: 9, payload: Array("a payload".utf8))
        for cut in 0..<frame.count {
            switch RecordFrame.decode(Array(frame[..<cut]), at: 0) {
            case .failure(.truncatedHeader(let available)):
                #expect(cut < RecordFrame.headerSize && available == cut)
            case .failure(.truncatedPayload(let length, let available)):
                #expect(cut >= RecordFrame.headerSize && length == 9 && available == cut - RecordFrame.headerSize)
            case let other:
                Issue.record("cut at \(cut) decoded as \(other)")
            }
        }
    }

    @Test func everyBitFlipIsDetected() {
        let frame = RecordFrame.encode(sequence: 77, payload: Array("the payload under test".utf8))
        for bit in 0..<(frame.count * 8) {
            var damaged = frame
            damaged[bit / 8] ^= 1 << (bit % 8)
            if case .success(let record) = RecordFrame.decode(damaged, at: 0) {
                Issue.record("bit \(bit) flipped went unnoticed: \(record)")
            }
        }
    }

    @Test func zeroedHeaderAndBadLengthsAreNamed() {
        let zeros = [UInt8](repeating: 0, count: 40)
        #expect(RecordFrame.decode(zeros, at: 0) == .failure(.zeroedHeader))
        var huge = RecordFrame.encode(sequence: 1, payload: [1])
        huge[3] = 0x7F
        #expect(RecordFrame.decode(huge, at: 0) == .failure(.invalidLength(0x7F00_0001)))
    }

    @Test func segmentHeaderRoundTripAndProblems() throws {
        let header = SegmentHeader(firstSequence: 12_345)
        let bytes = header.encoded()
        #expect(bytes.count == SegmentHeader.size)
        #expect(Array(bytes[0..<8]) == Array("HERALDLG".utf8))
        #expect(try SegmentHeader.decode(bytes).get() == header)

        #expect(SegmentHeader.decode(Array(bytes[..<31])) == .failure(.truncated(available: 31)))
        #expect(SegmentHeader.decode([UInt8](repeating: 0, count: 32)) == .failure(.zeroed))
        var badMagic = bytes
        badMagic[0] = 0x58
        #expect(SegmentHeader.decode(badMagic) == .failure(.badMagic))
        var badSequence = bytes
        badSequence[16] ^= 1
        #expect(SegmentHeader.decode(badSequence) == .failure(.checksumMismatch))
        var newer = Array(bytes[0..<28])
        newer[8] = 2
        ByteCoding.appendUInt32(CRC32C.checksum(newer), to: &newer)
        #expect(SegmentHeader.decode(newer) == .failure(.unsupportedVersion(2)))
    }
}
