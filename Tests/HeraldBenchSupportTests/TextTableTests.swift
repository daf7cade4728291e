import Testing

@testable import HeraldBenchSupport

@Suite struct TextTableTests {
    @Test func alignsColumns() {
        let table = TextTable(header: ["name", "n"], rows: [["a", "1000"], ["longer", "2"], ["short"]])
        #expect(
            table.render() == """
                name       n
                ------  ----
                a       1000
                longer     2
                short       
                """
        )
    }
}
