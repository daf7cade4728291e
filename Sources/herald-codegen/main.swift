import Foundation
import HeraldCodegen

/// herald-codegen DESCRIPTOR_SET --messages-out DIR --services-out DIR
///
/// Reads a descriptor set written by `protoc-c --descriptor_set_out --include_imports
/// --include_source_info` and writes the generated Swift sources. Run through
/// Scripts/generate.sh, which also runs protoc-c.
let usage = "usage: herald-codegen DESCRIPTOR_SET --messages-out DIR --services-out DIR"

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("herald-codegen: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var options: [String: String] = [:]
var inputs: [String] = []
while let argument = arguments.first {
    arguments.removeFirst()
    if argument.hasPrefix("--") {
        guard let value = arguments.first else { fail("\(argument) needs a value\n\(usage)") }
        arguments.removeFirst()
        options[argument] = value
    } else {
        inputs.append(argument)
    }
}
guard inputs.count == 1, let messagesOut = options["--messages-out"], let servicesOut = options["--services-out"]
else { fail(usage) }

do {
    guard let data = FileManager.default.contents(atPath: inputs[0]) else { fail("cannot read \(inputs[0])") }
    let generator = Generator(files: try DescriptorSetLoader.load(Array(data)))
    for (directory, outputs) in [
        (messagesOut, try generator.messageSources()), (servicesOut, try generator.serviceSources()),
    ] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for output in outputs {
            let path = (directory as NSString).appendingPathComponent(output.fileName)
            try Data(output.contents.utf8).write(to: URL(fileURLWithPath: path))
        }
    }
} catch {
    fail("\(error)")
}
