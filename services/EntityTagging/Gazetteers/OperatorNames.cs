using System.Security.Cryptography;
using System.Text;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>
/// The names operators added (EntityDefined), kept apart from the shipped gazetteer as an immutable snapshot: each
/// definition builds a new snapshot, so taggers running concurrently never see a dictionary being modified. Version
/// identifies the set of names, whatever order the definitions arrived in ("0" for none), so replicas agree on it.
/// </summary>
internal sealed record OperatorNames(
    Dictionary<string, List<GazetteerName>> ByPhrase,
    Dictionary<string, int> Longest,
    Dictionary<string, GazetteerEntry> ById,
    Dictionary<string, List<string>> Aliases,
    string Version)
{
    public static readonly OperatorNames Empty = new([], [], [], [], "0");

    public OperatorNames With(GazetteerEntry entry, IEnumerable<string> names, Func<string, string> fold)
    {
        var byPhrase = ByPhrase.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        var longest = new Dictionary<string, int>(Longest, StringComparer.Ordinal);
        var aliases = Aliases.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        var byId = new Dictionary<string, GazetteerEntry>(ById, StringComparer.Ordinal) { [entry.EntityId] = entry };
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.Ordinal))
        {
            var tokens = Gazetteer.NameTokens(name);
            if (tokens.Count == 0 || tokens.Count > Gazetteer.MaxPhraseTokens)
            {
                continue;
            }

            var key = string.Join(' ', tokens.Select(fold));
            var surface = string.Join(' ', tokens);
            var isAcronym = surface.Length <= 6 && surface.Count(char.IsLetter) >= 2 && !surface.Any(char.IsLower);
            if (!byPhrase.TryGetValue(key, out var list))
            {
                list = [];
                byPhrase[key] = list;
            }

            list.RemoveAll(n => n.Entry.EntityId == entry.EntityId);
            list.Insert(0, new GazetteerName(entry, isAcronym ? surface : null));
            var first = fold(tokens[0]);
            longest[first] = Math.Max(tokens.Count, longest.GetValueOrDefault(first));
            if (!aliases.TryGetValue(entry.EntityId, out var names2))
            {
                names2 = [];
                aliases[entry.EntityId] = names2;
            }

            if (!names2.Contains(name))
            {
                names2.Add(name);
            }
        }

        return new OperatorNames(byPhrase, longest, byId, aliases, VersionOf(byId, aliases));
    }

    private static string VersionOf(Dictionary<string, GazetteerEntry> byId, Dictionary<string, List<string>> aliases)
    {
        var text = new StringBuilder();
        foreach (var id in byId.Keys.Order(StringComparer.Ordinal))
        {
            var entry = byId[id];
            text.Append(id).Append('\t').Append(entry.Name).Append('\t').Append(entry.Type);
            foreach (var name in (aliases.GetValueOrDefault(id) ?? []).Order(StringComparer.Ordinal))
            {
                text.Append('\t').Append(name);
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
    }
}
