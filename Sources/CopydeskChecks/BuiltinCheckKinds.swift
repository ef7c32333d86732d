import CopydeskCore

extension CheckKindRegistry {
    /// The check kinds built into Copydesk. A new kind is one file plus one line here.
    public static let builtins = CheckKindRegistry([
        CopyrightYearCheck.self,
        CaptionDuplicateCheck.self,
        CreditPresenceCheck.self,
        QuoteAttributionCheck.self,
        ExistenceCheck.self,
        SubstitutionCheck.self,
        OccurrenceCheck.self,
        RepetitionCheck.self,
        ConsistencyCheck.self,
        CapitalizationCheck.self,
        ConditionalCheck.self,
        MetricCheck.self,
        BalanceCheck.self,
        NameVariantsCheck.self,
        FirstReferenceCheck.self,
        ExternalCheck.self,
    ])
}
