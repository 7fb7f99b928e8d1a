extension Staff {
    /// Specialties in the import syntax, primary first: `neonatal_medicine;paediatrics`.
    public var specialtiesText: String { specialties.map(\.rawValue).joined(separator: ";") }

    /// Country ties in the import syntax: `NG:nationality;NG:trained:4`.
    public var countriesText: String {
        countryTies.map { tie in
            "\(tie.country):\(tie.kind.rawValue)" + (tie.years.map { ":\($0)" } ?? "")
        }.joined(separator: ";")
    }

    /// Languages in the import syntax: `en:C2;yo:native`.
    public var languagesText: String {
        languages.map { "\($0.language):\($0.level.code)" }.joined(separator: ";")
    }
}
