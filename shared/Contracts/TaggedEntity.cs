namespace MediaMonitor.Contracts;

/// <summary>
/// One canonical entity found in an article, with the surface forms it appeared under. Place is set for places linked to
/// the gazetteer (events recorded before it existed read it as null).
/// </summary>
public sealed record TaggedEntity(
    string EntityId,
    string Name,
    EntityType Type,
    int Mentions,
    double Salience,
    IReadOnlyList<string> SurfaceForms,
    TaggedPlace? Place = null);
