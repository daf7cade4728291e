import Testing

/// How the test pump cuts ciphertext before feeding it to the other side.
enum Chunking: Sendable, CustomTestStringConvertible {
    /// Everything pending at once.
    case whole
    /// One byte at a time.
    case oneByte
    /// Random sizes from 1 to `maximum`, from a seeded generator.
    case random(seed: UInt64, maximum: Int)

    var testDescription: String {
        switch self {
        case .whole: "whole"
        case .oneByte: "one byte"
        case .random(let seed, let maximum): "random ≤ \(maximum) (seed \(seed))"
        }
    }
}
