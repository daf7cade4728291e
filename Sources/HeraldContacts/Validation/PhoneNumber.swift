import HeraldServiceKit

/// Mobile numbers: what users type (`+86 139 1234 5678`, `86-13912345678`, `0086 139…`,
/// `8613912345678`) normalized to E.164 (`+8613912345678`).
///
/// The country code is never inferred: the digits must start with an assigned ITU calling code.
/// China (86) numbers must be 11-digit mobile numbers starting with 1; North American (1)
/// numbers must have 10 digits with valid area and exchange codes; elsewhere the national part
/// must have 6–13 digits and the whole number 8–15.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    /// The calling code, e.g. 86.
    public let countryCode: Int
    /// The digits after the calling code.
    public let nationalNumber: String

    /// The E.164 form, `+<country code><national number>`.
    public var description: String { "+\(countryCode)\(nationalNumber)" }

    /// Parses a typed number.
    ///
    /// - Returns: the number, or why it is not a plausible mobile number.
    public static func parse(_ input: String) -> Result<PhoneNumber, PhoneProblem> {
        var text = Substring(input.trimmedWhitespace)
        if text.hasPrefix("+") {
            text = text.dropFirst()
        } else if text.hasPrefix("00") {
            text = text.dropFirst(2)
        }
        var digits = ""
        for character in text {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if " -.()".contains(character) {
                continue
            } else {
                return .failure(PhoneProblem("may contain only digits, spaces, '+', '-', '.', '(' and ')'"))
            }
        }
        guard (8...15).contains(digits.count) else {
            return .failure(PhoneProblem("must have 8–15 digits including the country code, e.g. +86 139 1234 5678"))
        }
        guard digits.first != "0" else {
            return .failure(PhoneProblem("must start with the country code (e.g. 86 or +86), not 0"))
        }
        guard let code = CountryCallingCodes.longestPrefix(of: digits) else {
            return .failure(PhoneProblem("does not start with a known country calling code"))
        }
        let national = String(digits.dropFirst(String(code).count))
        switch code {
        case 86:
            guard national.count == 11, national.first == "1", let second = national.dropFirst().first, second >= "3"
            else {
                return .failure(PhoneProblem("a Chinese mainland mobile number has 11 digits starting with 13–19"))
            }
        case 1:
            let digits = Array(national)
            guard digits.count == 10, digits[0] >= "2", digits[3] >= "2" else {
                return .failure(PhoneProblem("a North American number has a 3-digit area code and 7 digits"))
            }
        default:
            guard (6...13).contains(national.count) else {
                return .failure(PhoneProblem("the number after country code \(code) must have 6–13 digits"))
            }
        }
        return .success(PhoneNumber(countryCode: code, nationalNumber: national))
    }

    /// Why a number was refused.
    public struct PhoneProblem: Error, Sendable {
        public var description: String

        init(_ description: String) {
            self.description = description
        }
    }
}

/// The assigned ITU-T E.164 country calling codes of countries and territories (not the
/// international services such as 800 or 881–883).
enum CountryCallingCodes {
    static let all: Set<Int> = {
        var codes: Set<Int> = [
            1, 7, 20, 27, 30, 31, 32, 33, 34, 36, 39, 40, 41, 43, 44, 45, 46, 47, 48, 49, 51, 52, 53, 54, 55, 56, 57,
            58, 60, 61, 62, 63, 64, 65, 66, 81, 82, 84, 86, 90, 91, 92, 93, 94, 95, 98, 211, 212, 213, 216, 218,
            290, 291, 297, 298, 299, 420, 421, 423, 670, 850, 852, 853, 855, 856, 880, 886,
        ]
        let ranges: [ClosedRange<Int>] = [
            220...258, 260...269, 350...359, 370...378, 380...383, 385...387, 389...389, 500...509, 590...599,
            672...683, 685...692, 960...968, 970...977, 992...996, 998...998,
        ]
        for range in ranges { codes.formUnion(range) }
        return codes
    }()

    /// The code the digits start with (codes are prefix-free, so at most one matches).
    static func longestPrefix(of digits: String) -> Int? {
        for length in 1...3 where digits.count > length {
            if let code = Int(digits.prefix(length)), all.contains(code) { return code }
        }
        return nil
    }
}
