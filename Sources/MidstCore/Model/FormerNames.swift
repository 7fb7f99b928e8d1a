// The names these types had before issue 20 nested them under the type they belong to.
//
// Package-only, so the public API has one spelling (`Need.Status`, `Staff.Context` …) while
// the tests, reorganised separately under issue 20, keep compiling; Sources use the nested
// names. Remove an alias once no test spells the old name.

package typealias NeedStatus = Need.Status
package typealias NeedMode = Need.Mode
package typealias LanguageRequirement = Need.LanguageRequirement
package typealias LanguageSkill = Staff.LanguageSkill
package typealias WorkModes = Staff.WorkModes
package typealias StaffContext = Staff.Context
package typealias OutcomeKind = Outcome.Kind
package typealias TieKind = CountryTie.Kind
package typealias DateWindow = CalendarDate.Window
package typealias BatchResult = Batch.Result
package typealias AssignmentProposal = Batch.Proposal
package typealias ShortlistEntry = Shortlisting.Entry
package typealias AssignmentSolution = AssignmentProblem.Solution
package typealias TuningMetric = WeightTuner.Metric
package typealias ComponentVector = ScoreComponent.Vector
package typealias OutcomeModel = DataGenerator.OutcomeModel
