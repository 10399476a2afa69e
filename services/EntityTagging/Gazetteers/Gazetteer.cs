using System.Globalization;
using System.IO.Compression;
using MediaMonitor.Contracts.Api;
using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Recognition;
using MediaMonitor.Text;

namespace MediaMonitor.EntityTagging.Gazetteers;

/// <summary>One way of writing a gazetteer entry: acronyms such as "US" or "WHO" only match in their exact case.</summary>
public readonly record struct GazetteerName(GazetteerEntry Entry, string? ExactSurface);

/// <summary>
/// Countries, GeoNames places, curated organisations and aliases, demonyms, and the derived word lists, indexed by
/// normalised token sequences for longest-match lookup.
/// </summary>
public sealed class Gazetteer
{
    public const int MaxPhraseTokens = 7;

    // Arrays, not lists: most phrases name one entity and most entities have one name, and about 135,000 of each are
    // held for the life of the process; a List around each was 32 bytes more apiece (about 9 MB together).
    private readonly Dictionary<string, GazetteerName[]> _byPhrase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GazetteerEntry> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string[]> _aliases = new(StringComparer.Ordinal);
    private readonly HashSet<string> _firstNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _givenNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _lowerWords = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _longestPhraseByFirstToken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _curated = new(StringComparer.Ordinal);
    private readonly Lock _defining = new();
    private volatile OperatorNames _operator = OperatorNames.Empty;

    public int EntryCount => _byId.Count;

    public static Gazetteer Load(string directory)
    {
        if (!File.Exists(Path.Combine(directory, GazetteerFiles.Places)))
        {
            throw new FileNotFoundException(
                $"The tagger's data files are missing in {directory}; build them with deploy/local/build-tagger-data.sh.",
                Path.Combine(directory, GazetteerFiles.Places));
        }

        var g = new Gazetteer();
        g.LoadPlaces(Path.Combine(directory, GazetteerFiles.Places));
        g.LoadCountries(Path.Combine(directory, GazetteerFiles.Countries));
        g.LoadDemonyms(Path.Combine(directory, GazetteerFiles.Demonyms));
        g.LoadCatalog(Path.Combine(directory, GazetteerFiles.Catalog));
        g.LoadWordLists(Path.Combine(directory, GazetteerFiles.WordLists));
        g.LoadGivenNames(Path.Combine(directory, GazetteerFiles.GivenNames));
        return g;
    }

    /// <summary>The key a token is matched on: case and diacritics folded.</summary>
    public static string Fold(string token)
    {
        foreach (var c in token)
        {
            if (c >= 128 || char.IsWhiteSpace(c) || c == '`')
            {
                return TextNormalizer.Normalize(token);
            }
        }

        return token.ToLowerInvariant();
    }

    /// <summary>Identifies the operator names in force ("0" when there are none); part of the tagger's version.</summary>
    public string OperatorVersion => _operator.Version;

    public GazetteerEntry? ById(string id) => _operator.ById.GetValueOrDefault(id) ?? _byId.GetValueOrDefault(id);

    /// <summary>
    /// Every name of an entity: the shipped gazetteer's in file order, then the operators' in ordinal order (not arrival
    /// order, so replicas with the same <see cref="OperatorVersion"/> list the same names in the same order).
    /// </summary>
    public IReadOnlyList<string> AliasesOf(string id) =>
        [.. _aliases.TryGetValue(id, out var a) ? a : [], .. _operator.Aliases.TryGetValue(id, out var o) ? o.Order(StringComparer.Ordinal) : Enumerable.Empty<string>()];

    /// <summary>
    /// Adds an operator's entity or names (EntityDefined) while the gazetteer is in use: readers see the old or the new set
    /// of operator names, never a half-built one. An id the gazetteer knows keeps its entry and gains the names.
    /// </summary>
    public GazetteerEntry Define(string id, string name, EntityType type, IEnumerable<string> aliases)
    {
        lock (_defining)
        {
            var entry = ById(id) ?? new GazetteerEntry(id, name, type, type switch
            {
                EntityType.Person => GazetteerKind.Person,
                EntityType.Location => GazetteerKind.Place,
                _ => GazetteerKind.Organisation,
            }, "");
            var next = _operator.With(entry, [name, .. aliases], Fold);
            _operator = next;
            return entry;
        }
    }

    /// <summary>An entity the hand-written catalog names: prominent enough to match without further evidence.</summary>
    public bool IsCurated(string id) => _curated.Contains(id) || _operator.ById.ContainsKey(id);

    public bool IsFirstName(string token) => _firstNames.Contains(token);

    /// <summary>A given name from the public-domain name lists (wider than <see cref="IsFirstName"/>; a feature, not a cue).</summary>
    public bool IsGivenName(string token) => _givenNames.Contains(token);

    /// <summary>A word the training text mostly writes in lower case ("most", "police", "union").</summary>
    public bool IsLowercaseWord(string token) => _lowerWords.Contains(token.ToLowerInvariant());

    /// <summary>As <see cref="IsLowercaseWord"/> for a token already lower-cased.</summary>
    public bool IsLowercaseFolded(string lower) => _lowerWords.Contains(lower);

    /// <summary>The longest gazetteer phrase starting at <paramref name="start"/>, honouring exact case for acronyms.</summary>
    public (int Length, List<GazetteerEntry> Entries) LongestMatch(IReadOnlyList<string> surfaces, IReadOnlyList<string> folded, int start)
    {
        var overlay = _operator;
        var longest = Math.Max(_longestPhraseByFirstToken.GetValueOrDefault(folded[start]), overlay.Longest.GetValueOrDefault(folded[start]));
        if (longest == 0)
        {
            return (0, []);
        }

        var max = Math.Min(longest, surfaces.Count - start);
        var key = new System.Text.StringBuilder(64);
        var ends = new int[max + 1];
        for (var k = 0; k < max; k++)
        {
            if (k > 0)
            {
                key.Append(' ');
            }

            key.Append(folded[start + k]);
            ends[k + 1] = key.Length;
        }

        for (var length = max; length >= 1; length--)
        {
            var phrase = key.ToString(0, ends[length]);
            var names = Concat(overlay.ByPhrase.GetValueOrDefault(phrase), _byPhrase.GetValueOrDefault(phrase));
            if (names is null)
            {
                continue;
            }

            var exact = names.Any(n => n.ExactSurface is not null);
            var surface = !exact ? "" : length == 1 ? surfaces[start] : string.Join(' ', surfaces.Skip(start).Take(length));
            var entries = names.Where(n => n.ExactSurface is null || n.ExactSurface == surface).Select(n => n.Entry).Distinct().ToList();
            if (entries.Count > 0)
            {
                return (length, entries);
            }
        }

        return (0, []);
    }

    private static IReadOnlyList<GazetteerName>? Concat(List<GazetteerName>? a, GazetteerName[]? b) =>
        a is null ? b : b is null ? a : [.. a, .. b];

    /// <summary>Tokens of a name as the tokenizer splits them in articles.</summary>
    public static List<string> NameTokens(string name) => NerTokenizer.Sentences(name).SelectMany(s => s).Select(t => t.Text).ToList();

    private void AddName(string name, GazetteerEntry entry)
    {
        var tokens = NameTokens(name);
        if (tokens.Count == 0 || tokens.Count > MaxPhraseTokens)
        {
            return;
        }

        var key = string.Join(' ', tokens.Select(Fold));
        var surface = string.Join(' ', tokens);
        var isAcronym = surface.Length <= 6 && surface.Count(char.IsLetter) >= 2 && !surface.Any(char.IsLower);
        var list = _byPhrase.GetValueOrDefault(key) ?? [];
        if (!list.Any(n => n.Entry.EntityId == entry.EntityId))
        {
            _byPhrase[key] = [.. list, new GazetteerName(entry, isAcronym ? surface : null)];
        }

        var first = tokens.Count == 1 ? key : Fold(tokens[0]);
        _longestPhraseByFirstToken[first] = Math.Max(tokens.Count, _longestPhraseByFirstToken.GetValueOrDefault(first));
        var aliases = _aliases.GetValueOrDefault(entry.EntityId) ?? [];
        if (!aliases.Contains(name))
        {
            _aliases[entry.EntityId] = [.. aliases, name];
        }
    }

    private void LoadPlaces(string path)
    {
        // Country, feature and admin codes repeat across the 135,000 places: one string per distinct code, not per place.
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        string Code(string code) => codes.TryGetValue(code, out var held) ? held : codes[code] = code;
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var f = line.Split('\t');
            var entry = new GazetteerEntry("geonames:" + f[0], f[1], EntityType.Location, GazetteerKind.Place, Code(f[2]), Code(f[3]), Code(f[4]),
                long.Parse(f[5], CultureInfo.InvariantCulture), double.Parse(f[6], CultureInfo.InvariantCulture),
                double.Parse(f[7], CultureInfo.InvariantCulture));
            _byId[entry.EntityId] = entry;
            AddName(entry.Name, entry);
        }
    }

    private void LoadCountries(string path)
    {
        foreach (var f in DataLines(path))
        {
            var capital = f.Length > 3 && f[3].Length > 0 ? _byId.GetValueOrDefault("geonames:" + f[3]) : null;
            var entry = new GazetteerEntry("country:" + f[0], f[1], EntityType.Location, GazetteerKind.Country, f[0],
                Latitude: capital?.Latitude ?? 0, Longitude: capital?.Longitude ?? 0);
            _byId[entry.EntityId] = entry;
            AddName(f[1], entry);
            foreach (var alias in Split(f, 2))
            {
                AddName(alias, entry);
            }
        }
    }

    private void LoadDemonyms(string path)
    {
        foreach (var f in DataLines(path))
        {
            var names = Split(f, 1);
            var entry = new GazetteerEntry("demonym:" + f[0], names[0], EntityType.Miscellaneous, GazetteerKind.Demonym, f[0]);
            _byId[entry.EntityId] = entry;
            foreach (var name in names)
            {
                AddName(name, entry);
            }
        }
    }

    private void LoadCatalog(string path)
    {
        foreach (var f in DataLines(path))
        {
            var (id, name) = (f[0], f[2]);
            var type = f[1] switch
            {
                "PER" => EntityType.Person,
                "ORG" => EntityType.Organization,
                "LOC" => EntityType.Location,
                _ => EntityType.Miscellaneous,
            };
            var entry = _byId.TryGetValue(id, out var known)
                ? known with { Name = name }
                : new GazetteerEntry(id, name, type, type switch
                {
                    EntityType.Person => GazetteerKind.Person,
                    EntityType.Location => GazetteerKind.Place,
                    _ => GazetteerKind.Organisation,
                }, "");
            if (f.Length > 4 && f[4].Split('/') is [var country, var admin])
            {
                entry = entry with { CountryCode = country, AdminCode = admin };
            }

            Replace(entry);
            _curated.Add(id);
            AddName(name, entry);
            foreach (var alias in Split(f, 3))
            {
                AddName(alias, entry);
            }
        }
    }

    private void Replace(GazetteerEntry entry)
    {
        if (_byId.TryGetValue(entry.EntityId, out var old) && old != entry)
        {
            foreach (var list in _byPhrase.Values)
            {
                for (var i = 0; i < list.Length; i++)
                {
                    if (list[i].Entry.EntityId == entry.EntityId)
                    {
                        list[i] = list[i] with { Entry = entry };
                    }
                }
            }
        }

        _byId[entry.EntityId] = entry;
    }

    private void LoadWordLists(string path)
    {
        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            var f = line.Split('\t');
            if (f.Length < 2)
            {
                continue;
            }

            (f[0] == "first" ? _firstNames : f[0] == "lower" ? _lowerWords : null)?.Add(f[1]);
        }
    }

    private void LoadGivenNames(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var reader = new StreamReader(new GZipStream(File.OpenRead(path), CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 1 && !line.StartsWith('#'))
            {
                _givenNames.Add(line);
            }
        }
    }

    private static IEnumerable<string[]> DataLines(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split('\t'));

    private static List<string> Split(string[] fields, int index) =>
        fields.Length > index ? fields[index].Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() : [];
}
