extension Need {
    /// The need in words, as the report and the ask list show it: its main specialty's name at
    /// its host, in its main country ("Neonatal medicine at Fort Portal Regional Referral
    /// Hospital, Uganda").
    public func title(in reference: ReferenceData) -> String {
        let countryName = reference.info(for: country)?.name ?? country.rawValue
        let specialty = mainSpecialty.map { reference.specialty($0.rawValue)?.name ?? $0.rawValue }
        return "\(specialty.map { "\($0) at " } ?? "")\(hostInstitution), \(countryName)"
    }
}
