import Foundation

/// Runs `body` for every index on `jobs` threads with roomy stacks, results in index order.
///
/// Threads get 16 MiB stacks: parsing deeply nested HTML recurses, and the default
/// secondary-thread stack is small.
func parallelMap<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let workers = max(1, min(jobs, count))
    if workers == 1 { return (0..<count).map(body) }
    let box = ParallelResults<T>(count)
    let group = DispatchGroup()
    for _ in 0..<workers {
        group.enter()
        let thread = Thread {
            while true {
                box.lock.lock()
                let i = box.next
                box.next += 1
                box.lock.unlock()
                guard i < count else { break }
                let value = body(i)
                box.lock.lock()
                box.results[i] = value
                box.lock.unlock()
            }
            group.leave()
        }
        thread.stackSize = 16 << 20
        thread.start()
    }
    group.wait()
    return box.results.map { $0! }
}

/// A thread-safe count of finished items.
final class ProgressCounter: @unchecked Sendable {
    // @unchecked: `value` is read and written only while holding `lock`.
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Shared state of `parallelMap`: the next index to take and the results so far, under a lock.
private final class ParallelResults<T: Sendable>: @unchecked Sendable {
    // @unchecked: `results` and `next` are read and written only while holding `lock`.
    var results: [T?]
    var next = 0
    let lock = NSLock()
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
}
