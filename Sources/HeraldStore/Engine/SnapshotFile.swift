import HeraldProtos

/// Writing and reading snapshot files (see ``SnapshotLayout`` for the bytes).
enum SnapshotFile {
    /// Bytes gathered before each write while a snapshot is written.
    static let chunkSize = 1 << 20

    /// Why reading a snapshot failed.
    enum LoadError: Error, CustomStringConvertible {
        case io(FileSystemError)
        case invalid(SnapshotDecoder.Problem)

        var description: String {
            switch self {
            case .io(let error): "\(error)"
            case .invalid(let problem):
                problem.offset.map { "\(problem.description) at offset \($0)" } ?? problem.description
            }
        }
    }

    /// Why writing a snapshot stopped.
    enum WriteError: Error, CustomStringConvertible {
        case io(FileSystemError)
        case encoding(ProtoEncodingError)
        case cancelled

        var description: String {
            switch self {
            case .io(let error): "\(error)"
            case .encoding(let error): "\(error)"
            case .cancelled: "cancelled because the table is closing"
            }
        }
    }

    /// Writes `index` as the snapshot covering records up to `lastSequence`: to a temporary
    /// file, synced, renamed into place, directory synced.
    ///
    /// - Parameter isCancelled: checked between chunks; the temporary file is removed when it
    ///   returns true.
    /// - Returns: the snapshot's file name.
    static func write(
        _ index: OrderedIndex,
        table: String,
        lastSequence: UInt64,
        in directory: TableDirectory,
        isCancelled: () -> Bool
    ) throws(WriteError) -> String {
        let name = TableDirectory.snapshotName(lastSequence)
        let temporaryPath = directory.file(name + TableDirectory.temporarySuffix)
        // Left by an earlier attempt that failed to remove it, if any.
        try? directory.fileSystem.removeFile(temporaryPath)
        let file: OpenFile
        do {
            file = try OpenFile.open(temporaryPath, mode: .createNew, fileSystem: directory.fileSystem)
        } catch {
            throw .io(error)
        }
        do throws(WriteError) {
            try writeContents(index, table: table, lastSequence: lastSequence, to: file, isCancelled: isCancelled)
            do throws(FileSystemError) {
                try file.sync()
                try file.close()
                try directory.fileSystem.rename(temporaryPath, to: directory.file(name))
                try directory.fileSystem.syncDirectory(directory.path)
            } catch {
                throw .io(error)
            }
        } catch {
            try? file.close()
            try? directory.fileSystem.removeFile(temporaryPath)
            throw error
        }
        return name
    }

    private static func writeContents(
        _ index: OrderedIndex,
        table: String,
        lastSequence: UInt64,
        to file: OpenFile,
        isCancelled: () -> Bool
    ) throws(WriteError) {
        let header = StoreSnapshotHeader(
            table: table,
            lastSequence: lastSequence,
            entryCount: UInt64(index.count),
            createTimeUnixMs: Posix.wallClockMilliseconds()
        )
        var encoder: SnapshotEncoder
        do {
            encoder = try SnapshotEncoder(header: header)
        } catch {
            throw .encoding(error)
        }
        var offset: Int64 = 0
        var failure: WriteError?
        index.visit { key, value in
            encoder.append(key: key.bytes, value: value)
            guard encoder.pending.count >= chunkSize else { return true }
            if isCancelled() {
                failure = .cancelled
                return false
            }
            let chunk = encoder.takePending()
            do throws(FileSystemError) {
                try file.writeAll(chunk, at: offset)
            } catch {
                failure = .io(error)
                return false
            }
            offset += Int64(chunk.count)
            return true
        }
        if let failure { throw failure }
        do throws(FileSystemError) {
            try file.writeAll(encoder.finish(), at: offset)
        } catch {
            throw .io(error)
        }
    }

    /// Reads and checks a snapshot file.
    ///
    /// - Returns: the table state it holds and the last sequence number it covers.
    static func load(
        _ name: String,
        table: String,
        in directory: TableDirectory
    ) throws(LoadError) -> (index: OrderedIndex, lastSequence: UInt64) {
        let path = directory.file(name)
        let file: OpenFile
        do {
            file = try OpenFile.open(path, mode: .readOnly, fileSystem: directory.fileSystem)
        } catch {
            throw .io(error)
        }
        defer { try? file.close() }
        var builder = OrderedIndexBuilder()
        do {
            let size = try file.size()
            var decoder = SnapshotDecoder(fileSize: size)
            var offset: Int64 = 0
            while offset < size {
                let chunk = try file.read(count: Int(min(Int64(chunkSize), size - offset)), at: offset)
                guard !chunk.isEmpty else { break }
                offset += Int64(chunk.count)
                // The decoder checks that keys ascend before handing them out.
                try decoder.consume(chunk) { key, value in builder.append(key, value) }
            }
            let (header, lastSequence) = try decoder.finish()
            guard header.table == table else {
                throw SnapshotDecoder.Problem(description: "snapshot belongs to table \"\(header.table)\"", offset: nil)
            }
            return (builder.build(), lastSequence)
        } catch let error as FileSystemError {
            throw .io(error)
        } catch let problem as SnapshotDecoder.Problem {
            throw .invalid(problem)
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }
}
