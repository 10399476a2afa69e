using MediaMonitor.Contracts.EntityTagging;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>What a gazetteer name stands for.</summary>
public enum GazetteerKind
{
    Country = 0,
    Place = 1,
    Organisation = 2,
    Demonym = 3,
    Person = 4,
}

/// <summary>
/// One entity a name in the gazetteer can refer to. Places carry their GeoNames id, country, feature code, admin code,
/// population and coordinates; countries their ISO code.
/// </summary>
public sealed record GazetteerEntry(
    string EntityId,
    string Name,
    EntityType Type,
    GazetteerKind Kind,
    string CountryCode,
    string FeatureCode = "",
    string AdminCode = "",
    long Population = 0,
    double Latitude = 0,
    double Longitude = 0)
{
    /// <summary>Capitals, countries and curated entries are prominent; so are big cities.</summary>
    public double Prominence => Kind switch
    {
        GazetteerKind.Country => 1e9,
        GazetteerKind.Organisation or GazetteerKind.Person => 1e8,
        GazetteerKind.Demonym => 1e7,
        _ => Population * (FeatureCode == "PPLC" ? 10.0 : FeatureCode == "PPLA" ? 2.0 : 1.0),
    };
}
