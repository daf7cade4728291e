import Dispatch
import HeraldProtos

let key = Array("tenant-0001/ct_000000123456".utf8)
let value = [UInt8](repeating: 7, count: 100)
let n = 200_000
var start = DispatchTime.now().uptimeNanoseconds
var total = 0
var encoded: [UInt8] = []
for i in 0..<n {
    var buf: [UInt8] = []
    buf.reserveCapacity(160)
    try StoreBatch(mutations: [StoreMutation(kind: .put, key: key, value: value)]).serialize(into: &buf)
    total &+= buf.count &+ i
    encoded = buf
}
var end = DispatchTime.now().uptimeNanoseconds
print("encode ns/op", Double(end - start) / Double(n), total)
start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<n {
    let b = try StoreBatch(serializedBytes: encoded)
    total &+= b.mutations.count
}
end = DispatchTime.now().uptimeNanoseconds
print("decode ns/op", Double(end - start) / Double(n), total)
