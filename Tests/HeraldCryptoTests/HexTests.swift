import HeraldCrypto
import Testing

@Suite struct HexTests {
    @Test func encodesLowercase() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff] as [UInt8]) == "000fa5ff")
        #expect(Hex.encode([UInt8]()) == "")
    }

    @Test func decodesEitherCaseAndRejectsJunk() {
        #expect(Hex.decode("000FA5ff") == [0x00, 0x0f, 0xa5, 0xff])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("é0") == nil)
    }
}
