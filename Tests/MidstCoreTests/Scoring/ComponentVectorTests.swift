import Foundation
import Testing

@testable import MidstCore

@Suite("Score components")
struct ComponentVectorTests {
    @Test("every component has a lane, and a vector's lanes beyond them stay zero")
    func lanes() {
        #expect(ScoreComponent.allCases.count <= ScoreComponent.Vector.lanes)
        #expect(Set(ScoreComponent.allCases.map(\.slot)).count == ScoreComponent.allCases.count)
        #expect(ScoreComponent.allCases.map(\.slot) == Array(ScoreComponent.allCases.indices))
        let ones = ScoreComponent.Vector { _ in 1 }
        #expect(ones.sum == Double(ScoreComponent.allCases.count))
    }

    @Test("dot is the sum of products added in component order")
    func dot() {
        let points = ScoreComponent.Vector { 100 * $0.defaultWeight / 100 }
        let values = ScoreComponent.Vector { Double($0.slot + 1) / 7 }
        var expected = 0.0
        for component in ScoreComponent.allCases {
            expected += points[component] * values[component]
        }
        #expect(points.dot(values) == expected)
        #expect(
            points.sum(excluding: [.specialty])
                == ScoreComponent.allCases.filter { $0 != .specialty }.reduce(0) {
                    $0 + points[$1]
                })
    }

    @Test("encoded as an object keyed by component name, and decoded back")
    func coding() throws {
        let weights = ScoreComponent.Vector(\.defaultWeight)
        let data = try JSONEncoder().encode(weights)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Double])
        #expect(Set(object.keys) == Set(ScoreComponent.allCases.map(\.rawValue)))
        #expect(object["specialty"] == 30)
        #expect(try JSONDecoder().decode(ScoreComponent.Vector.self, from: data) == weights)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ScoreComponent.Vector.self, from: Data(#"{"speciality":1}"#.utf8))
        }
    }

    @Test("the shipped defaults are the components' default weights")
    func defaults() {
        for component in ScoreComponent.allCases {
            #expect(ScoringConfig().weights[component] == component.defaultWeight)
        }
    }
}
