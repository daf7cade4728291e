public import Foundation

/// The results of one benchmark invocation, with ratios against a baseline stack, as one document
/// that prints as a table or encodes to JSON.
///
/// The JSON form is what one process hands another: `herald-bench` can run the grpc baseline with
/// `--json` and decode its report with ``init(json:)``.
public struct LoadReport: Sendable, Hashable, Codable {
    /// Every run, in the order they were made.
    public var results: [LoadResult]

    /// Each non-baseline result over the baseline result of the same shape.
    public var ratios: [LoadRatio]

    /// Creates a report, computing ratios against a baseline stack.
    ///
    /// - Parameters:
    ///   - results: The runs.
    ///   - baseline: The stack to divide by, e.g. `grpc`. If `nil` and the results hold exactly two
    ///     stacks, the second stack to appear is the baseline; otherwise there are no ratios.
    public init(results: [LoadResult], baseline: String? = nil) {
        self.results = results
        self.ratios = Self.ratios(of: results, baseline: baseline)
    }

    /// Decodes a report from the JSON that ``jsonData()`` writes.
    ///
    /// - Parameter json: The encoded report.
    /// - Throws: `DecodingError` if the data is not a report.
    public init(json: Data) throws {
        self = try JSONDecoder().decode(LoadReport.self, from: json)
    }

    /// The report as pretty-printed JSON with sorted keys.
    ///
    /// - Throws: `EncodingError` (not expected: every number in a report is finite).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// The report as a pretty-printed JSON string.
    ///
    /// - Throws: `EncodingError` (not expected).
    public func jsonString() throws -> String {
        String(decoding: try self.jsonData(), as: UTF8.self)
    }

    /// The ratios of every non-baseline result over the baseline result of the same shape.
    ///
    /// - Parameters:
    ///   - results: The runs.
    ///   - baseline: The stack to divide by; see ``init(results:baseline:)``.
    /// - Returns: One ratio per (result, baseline result) pair of the same shape.
    private static func ratios(of results: [LoadResult], baseline: String?) -> [LoadRatio] {
        var stacks: [String] = []
        for result in results where !stacks.contains(result.stack) {
            stacks.append(result.stack)
        }
        guard let baseline = baseline ?? (stacks.count == 2 ? stacks[1] : nil) else { return [] }
        let baselines = results.filter { $0.stack == baseline }
        var ratios: [LoadRatio] = []
        for result in results where result.stack != baseline {
            if let base = baselines.first(where: { $0.hasSameShape(as: result) }),
                let ratio = LoadRatio(result, over: base)
            {
                ratios.append(ratio)
            }
        }
        return ratios
    }
}
