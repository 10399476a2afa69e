namespace MediaMonitor.Contracts.EntityTagging;

/// <summary>
/// Where a tagged place is: its GeoNames id (null for countries and hand-written regions), ISO 3166-1 country code and
/// coordinates (a country's are its capital's; null where the gazetteer has none, as for hand-written regions).
/// </summary>
public sealed record TaggedPlace(
    long? GeoNamesId,
    string CountryCode,
    double? Latitude,
    double? Longitude);
