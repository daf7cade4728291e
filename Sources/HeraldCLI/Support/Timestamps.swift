import Foundation

/// `2025-03-04T05:06:07Z` for milliseconds since the Unix epoch (the API's `*_unix_ms`), UTC,
/// to the second; `-` for 0 (not set).
func iso8601(unixMilliseconds: Int64) -> String {
    guard unixMilliseconds != 0 else { return "-" }
    return Date(timeIntervalSince1970: Double(unixMilliseconds) / 1000).formatted(.iso8601)
}
