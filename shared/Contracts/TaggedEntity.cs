namespace MediaMonitor.Contracts;

/// <summary>One canonical entity found in an article, with the surface forms it appeared under.</summary>
public sealed record TaggedEntity(
    string EntityId,
    string Name,
    EntityType Type,
    int Mentions,
    double Salience,
    IReadOnlyList<string> SurfaceForms);
