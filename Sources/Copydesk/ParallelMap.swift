import Foundation

/// Runs `body` for every index in a task group, at most `jobs` at once; results in index order.
///
/// A task that finishes makes room for the next index, so a slow file never holds up the others.
/// Bodies run synchronously on the concurrency pool's threads: bounded by `jobs` (at most the
/// cores), they never starve it. A plugin's pipes are read on threads of their own
/// (`PluginRunner`), so no body waits on work that needs a pool thread.
func parallelMap<T: Sendable>(count: Int, jobs: Int, _ body: @escaping @Sendable (Int) -> T) async -> [T] {
    guard count > 0 else { return [] }
    let workers = max(1, min(jobs, count))
    return await withTaskGroup(of: (Int, T).self) { group in
        var results = [T?](repeating: nil, count: count)
        var next = 0
        func start() {
            let i = next
            next += 1
            group.addTask { (i, body(i)) }
        }
        for _ in 0..<workers { start() }
        for await (i, value) in group {
            results[i] = value
            if next < count { start() }
        }
        return results.map { $0! }
    }
}

/// A thread-safe count of finished items.
final class ProgressCounter: @unchecked Sendable {
    // @unchecked: `value` is read and written only while holding `lock`.
    private var value = 0
    private let lock = NSLock()

    func increment() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }
}
