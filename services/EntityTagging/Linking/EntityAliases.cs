using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.Text.Querying;

namespace MediaMonitor.EntityTagging.Linking;

/// <summary>
/// The aliases recorded with a linked entity (TaggedEntity.Aliases): the names the gazetteer and operators give it, so an
/// entity: filter matches an article under any of them, not only the spellings the article uses.
/// </summary>
public static class EntityAliases
{
    /// <summary>
    /// At most this many aliases per entity. The shipped gazetteer has at most 6 for any entity; the cap bounds what
    /// operators can add (up to 100 names per EntityDefined, any number of definitions) to the size of each event.
    /// </summary>
    public const int MaxPerEntity = 64;

    /// <summary>
    /// The aliases of an entity named <paramref name="name"/> that goes by <paramref name="names"/> (most useful first:
    /// shipped names in file order, then operator names): blank names, the canonical name and names that an entity filter
    /// cannot tell apart from one already kept (case, diacritics, punctuation) are left out, then the list is cut at
    /// <see cref="MaxPerEntity"/>.
    /// </summary>
    public static IReadOnlyList<string> Select(string name, IEnumerable<string> names)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { MatchDocument.NormalizeName(name) };
        var kept = new List<string>();
        foreach (var alias in names)
        {
            if (kept.Count == MaxPerEntity)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(alias))
            {
                continue;
            }

            var key = MatchDocument.NormalizeName(alias);
            if (key.Length > 0 && seen.Add(key))
            {
                kept.Add(alias.Trim());
            }
        }

        return kept;
    }

    /// <summary>The entities with the aliases the gazetteer (shipped and operator names in force) knows for each.</summary>
    public static IReadOnlyList<TaggedEntity> Record(IReadOnlyList<TaggedEntity> entities, Gazetteer gazetteer) =>
        entities.Select(e => e with { Aliases = Select(e.Name, gazetteer.AliasesOf(e.EntityId)) }).ToList();
}
