import Foundation

/// A logistic-regression model trained offline (`scripts/train`, `Training/`) and shipped as JSON.
///
/// The model names its features; a check computes them by name, so a model file and the
/// code that feeds it cannot drift apart silently: a feature the model names that the
/// check does not compute is an error when the model is loaded. Features are scaled by the
/// training script's own means and spreads, stored beside the weights.
public struct LogisticModel: Sendable {
    public struct Feature: Sendable {
        public var name: String
        public var weight: Double
        /// Subtracted from the raw value before weighting (the training mean).
        public var mean: Double
        /// The raw value is divided by this after centring (the training standard deviation).
        public var scale: Double
    }

    /// What the model decides, e.g. "credit-missing finding is right".
    public var target: String
    public var bias: Double
    public var features: [Feature]
    /// The confidence at or above which a finding is reported by default, per article format
    /// (`text`, `markdown`, `html`): chosen on out-of-fold publishers so that precision is at
    /// least the model's `precisionGoal`.
    public var thresholds: [String: Double]
    public var precisionGoal: Double?

    /// The default threshold for articles of `format`; a format the model was not tuned for reports nothing.
    public func threshold(for format: String) -> Double { thresholds[format] ?? 1 }

    /// Reads a model from JSON text; `source` names it in errors. Read with `JSONReader`:
    /// `JSONDecoder` or `JSONSerialization` would cost most of a millisecond of start-up.
    public static func decode(_ text: String, source: String) throws -> LogisticModel {
        func fail(_ why: String) -> ModelError { ModelError("\(source): not a model file (\(why))") }
        let root: JSONNode
        do { root = try JSONReader.parse(text) } catch { throw fail("\(error)") }
        guard case .object = root else { throw fail("not a JSON object") }
        func number(_ value: JSONNode?, _ key: String) throws -> Double {
            guard case .number(let n) = value else { throw fail("'\(key)' must be a number") }
            return n
        }
        guard case .string(let target) = root["target"] else { throw fail("'target' must be a string") }
        guard case .array(let features) = root["features"] else { throw fail("'features' must be a list of objects") }
        guard case .object(let thresholds) = root["thresholds"] else { throw fail("'thresholds' must be an object") }
        return LogisticModel(
            target: target, bias: try number(root["bias"], "bias"),
            features: try features.map { f in
                guard case .string(let name) = f["name"] else { throw fail("a feature's 'name' must be a string") }
                return Feature(name: name, weight: try number(f["weight"], "weight"), mean: try number(f["mean"], "mean"),
                               scale: try number(f["scale"], "scale"))
            },
            thresholds: Dictionary(try thresholds.map { ($0.key, try number($0.value, "thresholds")) }, uniquingKeysWith: { first, _ in first }),
            precisionGoal: try root["precisionGoal"].flatMap { if case .null = $0 { nil } else { try number($0, "precisionGoal") } })
    }

    /// Throws unless every feature the model names is in `known`.
    public func requireFeatures(_ known: [String], source: String) throws {
        let have = Set(known)
        if let missing = features.first(where: { !have.contains($0.name) }) {
            throw ModelError("\(source): the model uses feature '\(missing.name)', which this check does not compute")
        }
    }

    /// The probability that the target holds, given feature values by name (absent ones count as 0).
    public func probability(_ values: [Evidence]) -> Double {
        let byName = Dictionary(values.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var z = bias
        for feature in features {
            let raw = byName[feature.name] ?? 0
            z += feature.weight * (raw - feature.mean) / (feature.scale == 0 ? 1 : feature.scale)
        }
        return 1 / (1 + exp(-z))
    }
}

/// A model file that cannot be used.
public struct ModelError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
