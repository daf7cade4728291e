public import HeraldProtos
public import HeraldWire
public import Testing

/// Runs `body`, which must fail with an ``RPCError`` of `code` (and a violation of `field`
/// when given); returns the error.
@discardableResult
public func expectRPCError(
    _ code: StatusCode,
    field: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void
) async -> RPCError? {
    do {
        try await body()
        Issue.record("expected \(code), but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as RPCError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        if let field {
            #expect(error.fieldViolations.map(\.field).contains(field), "\(error)", sourceLocation: sourceLocation)
        }
        return error
    } catch {
        Issue.record("expected \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
