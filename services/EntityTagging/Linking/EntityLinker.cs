using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;
using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Linking;

/// <summary>
/// Resolves an article's mentions to canonical entities: gazetteer entries by prominence and by the countries the article
/// mentions (Paris, France over Paris, Texas), people by transliteration-insensitive name keys with surnames joined to the
/// full name ("Peskov" to "Dmitry Peskov", "Mendkovic" to "Nikita Mendkovich"), other names by their key.
/// </summary>
public sealed class EntityLinker
{
    private const long MinimumLinkedPopulation = 15_000;

    public IReadOnlyList<TaggedEntity> Link(IReadOnlyList<Mention> found, IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var mentions = HarmoniseTypes(found);
        var contextCountries = mentions
            .SelectMany(m => m.Candidates.Where(c => c.Kind is GazetteerKind.Country or GazetteerKind.Demonym).Select(c => c.CountryCode))
            .ToHashSet(StringComparer.Ordinal);
        var contextRegions = RegionsNamed(mentions);
        var resolved = new List<(string Id, string Name, EntityType Type, Mention Mention)>();
        var places = new Dictionary<string, TaggedPlace>(StringComparer.Ordinal);
        var persons = new List<Mention>();
        for (var k = 0; k < mentions.Count; k++)
        {
            var mention = mentions[k];
            if (mention.Type == EntityType.Person && mention.Candidates.Count == 0)
            {
                persons.Add(mention);
                continue;
            }

            var qualifier = k + 1 < mentions.Count && mentions[k + 1].Sentence == mention.Sentence && mentions[k + 1].Start == mention.End + 1
                && sentences[mention.Sentence][mention.End] == ","
                ? mentions[k + 1].Candidates.MaxBy(c => c.Prominence)
                : null;
            var regions = contextRegions.Where(r => r.Mention != NameKey.Of(mention.Text)).Select(r => r.Region).ToHashSet(StringComparer.Ordinal);
            var entry = Choose(mention, contextCountries, qualifier, regions);
            if (entry is not null)
            {
                resolved.Add((entry.EntityId, entry.Name, entry.Type, mention));
                if (PlaceOf(entry) is { } place)
                {
                    places[entry.EntityId] = place;
                }
            }
            else
            {
                resolved.Add((IdFor(mention.Type, mention.Text), mention.Text, mention.Type, mention));
            }
        }

        resolved.AddRange(LinkPersons(persons));
        var maxMentions = resolved.GroupBy(r => r.Id).Select(g => g.Count()).DefaultIfEmpty(1).Max();
        return resolved
            .GroupBy(r => r.Id)
            .Select(g =>
            {
                var first = g.Min(r => r.Mention.Sentence);
                var salience = (0.6 * g.Count() / maxMentions) + (0.4 * (1 - ((double)first / Math.Max(1, sentences.Count))));
                var surfaceForms = g.Select(r => r.Mention.Text).Distinct(StringComparer.Ordinal).ToList();
                return new TaggedEntity(g.Key, g.First().Name, g.First().Type, g.Count(), Math.Round(salience, 3), surfaceForms,
                    places.GetValueOrDefault(g.Key));
            })
            .OrderByDescending(e => e.Salience)
            .ThenBy(e => e.EntityId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The candidate a place or organisation mention most likely means.</summary>
    /// <remarks>
    /// A qualifier right after the name ("Paris, Texas", "Moscow, Idaho") decides; countries named anywhere in the article
    /// tip the balance between places of similar size, and a state or province the article names (Texas, or Dallas in
    /// it) more; otherwise the most prominent place wins. Small towns (under 15,000 people) are linked only with a
    /// qualifier: a lone "West" is not West, Texas.
    /// </remarks>
    public static GazetteerEntry? Choose(Mention mention, IReadOnlySet<string> contextCountries, GazetteerEntry? qualifier = null,
        IReadOnlySet<string>? contextRegions = null)
    {
        var typed = mention.Candidates.Where(c => c.Type == mention.Type).ToList();
        var pool = (typed.Count > 0 ? typed : mention.Candidates.ToList())
            .Where(c => c.Kind != GazetteerKind.Place || c.Population >= MinimumLinkedPopulation || c.FeatureCode is "PPLC" or "PPLA" or ""
                || (qualifier is not null && Qualifies(c, qualifier)))
            .ToList();
        return pool.MaxBy(c => Math.Log10(c.Prominence + 1)
            + (c.Kind == GazetteerKind.Place && contextCountries.Contains(c.CountryCode) ? 1.5 : 0)
            + (c.Kind == GazetteerKind.Place && c.AdminCode.Length > 0 && contextRegions?.Contains(c.CountryCode + "/" + c.AdminCode) == true ? 3.5 : 0)
            + (c.Kind == GazetteerKind.Place && qualifier is not null && Qualifies(c, qualifier) ? 10 : 0));
    }

    /// <summary>
    /// The states and provinces ("US/TX") the article's place names point to, each with the name key of the mention that
    /// names it (a mention is not its own context): the most prominent candidate of each place mention.
    /// </summary>
    public static List<(string Mention, string Region)> RegionsNamed(IReadOnlyList<Mention> mentions) =>
        mentions
            .Select(m => (Mention: NameKey.Of(m.Text), Best: m.Candidates.Where(c => c.Kind == GazetteerKind.Place).MaxBy(c => c.Prominence)))
            .Where(x => x.Best is { AdminCode.Length: > 0, CountryCode.Length: > 0 })
            .Select(x => (x.Mention, x.Best!.CountryCode + "/" + x.Best.AdminCode))
            .Distinct()
            .ToList();

    /// <summary>Where a gazetteer place or country is: GeoNames id, country code and coordinates; null for other entries.</summary>
    public static TaggedPlace? PlaceOf(GazetteerEntry entry)
    {
        if (entry.Type != EntityType.Location || entry.Kind is not (GazetteerKind.Place or GazetteerKind.Country) || entry.CountryCode.Length == 0)
        {
            return null;
        }

        long? geoNamesId = entry.EntityId.StartsWith("geonames:", StringComparison.Ordinal)
            && long.TryParse(entry.EntityId.AsSpan("geonames:".Length), System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
        var located = entry.Latitude != 0 || entry.Longitude != 0;
        return new TaggedPlace(geoNamesId, entry.CountryCode, located ? entry.Latitude : null, located ? entry.Longitude : null);
    }

    private static bool Qualifies(GazetteerEntry place, GazetteerEntry qualifier) =>
        place.CountryCode == qualifier.CountryCode
        && (qualifier.Kind == GazetteerKind.Country || qualifier.AdminCode.Length == 0 || qualifier.AdminCode == place.AdminCode);

    /// <summary>
    /// One name, one type per article: unknown names take the type most of their mentions got (people win ties), and a
    /// single word that is the surname of a person named in full is that person.
    /// </summary>
    public static List<Mention> HarmoniseTypes(IReadOnlyList<Mention> mentions)
    {
        var unknown = mentions.Where(m => m.Candidates.Count == 0).ToList();
        var surnames = unknown.Where(m => m.Type == EntityType.Person && m.Text.Contains(' ', StringComparison.Ordinal))
            .Select(m => NameKey.Of(m.Text.Split(' ')[^1])).ToHashSet(StringComparer.Ordinal);
        var majority = unknown.GroupBy(m => NameKey.Of(m.Text))
            .ToDictionary(g => g.Key, g => g.GroupBy(m => m.Type)
                .OrderByDescending(t => t.Count() + (t.Any(m => m.Certain) ? 100 : 0))
                .ThenBy(t => t.Key == EntityType.Person ? 0 : 1)
                .First().Key, StringComparer.Ordinal);
        return mentions.Select(m =>
        {
            if (m.Candidates.Count > 0)
            {
                return m;
            }

            var key = NameKey.Of(m.Text);
            var type = !m.Text.Contains(' ', StringComparison.Ordinal) && surnames.Contains(key) ? EntityType.Person : majority[key];
            return type == m.Type ? m : m with { Type = type };
        }).ToList();
    }

    private static IEnumerable<(string, string, EntityType, Mention)> LinkPersons(List<Mention> persons)
    {
        // Full names (two words or more) define people; single words join the person whose surname they match.
        var people = new Dictionary<string, List<Mention>>(StringComparer.Ordinal);
        foreach (var m in persons.Where(m => m.Text.Contains(' ', StringComparison.Ordinal)))
        {
            var key = NameKey.Of(m.Text);
            if (!people.TryGetValue(key, out var list))
            {
                list = [];
                people[key] = list;
            }

            list.Add(m);
        }

        foreach (var m in persons.Where(m => !m.Text.Contains(' ', StringComparison.Ordinal)))
        {
            var key = NameKey.Of(m.Text);
            var owner = people.Where(p => p.Key.EndsWith(" " + key, StringComparison.Ordinal) || p.Key == key)
                .OrderByDescending(p => p.Value.Count).Select(p => p.Key).FirstOrDefault();
            owner ??= key;
            if (!people.TryGetValue(owner, out var list))
            {
                list = [];
                people[owner] = list;
            }

            list.Add(m);
        }

        foreach (var (key, list) in people)
        {
            var name = list.Where(m => m.Text.Contains(' ', StringComparison.Ordinal)).GroupBy(m => m.Text)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Min(m => m.Sentence)).Select(g => g.Key).FirstOrDefault()
                ?? list[0].Text;
            var id = "per:" + key.Replace(' ', '-');
            foreach (var m in list)
            {
                yield return (id, name, EntityType.Person, m);
            }
        }
    }

    /// <summary>The id of a name the gazetteer does not know: type prefix and transliteration-insensitive key.</summary>
    public static string IdFor(EntityType type, string text)
    {
        var prefix = type switch
        {
            EntityType.Person => "per:",
            EntityType.Organization => "org:",
            EntityType.Location => "loc:",
            _ => "misc:",
        };
        return prefix + NameKey.Of(text).Replace(' ', '-');
    }
}
