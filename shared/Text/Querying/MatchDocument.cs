namespace MediaMonitor.Text.Querying;

/// <summary>The kind of a linked entity, as the query language's field filters see it.</summary>
public enum DocumentEntityKind
{
    Person = 0,
    Organization = 1,
    Place = 2,
    Country = 3,
    Other = 4,
}

/// <summary>A linked entity of an article: its canonical name and every alias or surface form it goes by.</summary>
public sealed record DocumentEntity(DocumentEntityKind Kind, string Name, IReadOnlyList<string> Aliases);

/// <summary>
/// An article prepared for matching: word positions per field (title words come first, then the text after a gap so a
/// phrase never spans the two), the outlet's words, the language and the linked entities' normalized names.
/// </summary>
public sealed class MatchDocument
{
    private const int TitleTextGap = 64;
    private static readonly List<int>[] NoPositions = [];

    private readonly Dictionary<string, List<int>> _text;
    private readonly Dictionary<string, List<int>> _title;
    private readonly Dictionary<string, List<int>> _source;
    private readonly Dictionary<string, DocumentEntityKind[]> _entities;
    private string[]? _sortedText;
    private string[]? _sortedTitle;
    private string[]? _sortedSource;

    private MatchDocument(
        Dictionary<string, List<int>> text,
        Dictionary<string, List<int>> title,
        Dictionary<string, List<int>> source,
        Dictionary<string, DocumentEntityKind[]> entities,
        string? language)
    {
        _text = text;
        _title = title;
        _source = source;
        _entities = entities;
        Language = language;
    }

    /// <summary>The language code, lower case, or null when unknown.</summary>
    public string? Language { get; }

    /// <summary>The distinct normalized words of title and text.</summary>
    public IEnumerable<string> TextTerms => _text.Keys;

    /// <summary>The distinct normalized words of the outlet's name and host.</summary>
    public IEnumerable<string> SourceTerms => _source.Keys;

    /// <summary>The normalized names and aliases of the linked entities.</summary>
    public IEnumerable<string> EntityNames => _entities.Keys;

    public static MatchDocument Create(string? title, string? text, string? source, string? language, IEnumerable<DocumentEntity>? entities)
    {
        var textIndex = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var titleIndex = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var position = 0;
        foreach (var token in Tokenizer.Tokenize(title ?? string.Empty))
        {
            Add(textIndex, token.Term, position);
            Add(titleIndex, token.Term, position);
            position++;
        }

        position += TitleTextGap;
        foreach (var token in Tokenizer.Tokenize(text ?? string.Empty))
        {
            Add(textIndex, token.Term, position++);
        }

        var sourceIndex = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var token in Tokenizer.Tokenize(source ?? string.Empty))
        {
            Add(sourceIndex, token.Term, token.Position);
        }

        var entityIndex = new Dictionary<string, DocumentEntityKind[]>(StringComparer.Ordinal);
        foreach (var entity in entities ?? [])
        {
            foreach (var name in entity.Aliases.Prepend(entity.Name))
            {
                var key = NormalizeName(name);
                if (key.Length == 0)
                {
                    continue;
                }

                entityIndex[key] = entityIndex.TryGetValue(key, out var kinds)
                    ? (kinds.Contains(entity.Kind) ? kinds : [.. kinds, entity.Kind])
                    : [entity.Kind];
            }
        }

        var lang = string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
        return new MatchDocument(textIndex, titleIndex, sourceIndex, entityIndex, lang);
    }

    /// <summary>A name as entity filters compare it: its normalized words joined by single spaces.</summary>
    public static string NormalizeName(string name) => string.Join(' ', Tokenizer.Terms(name));

    internal List<int>? Positions(QueryField field, string term) =>
        Index(field).TryGetValue(term, out var positions) ? positions : null;

    internal bool HasPrefix(QueryField field, string prefix)
    {
        var sorted = Sorted(field);
        var i = LowerBound(sorted, prefix);
        return i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal);
    }

    internal IEnumerable<List<int>> PrefixPositions(QueryField field, string prefix)
    {
        var sorted = Sorted(field);
        var index = Index(field);
        if (sorted.Length == 0)
        {
            return NoPositions;
        }

        var found = new List<List<int>>();
        for (var i = LowerBound(sorted, prefix); i < sorted.Length && sorted[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            found.Add(index[sorted[i]]);
        }

        return found;
    }

    internal bool HasEntity(EntityFilter filter, string name)
    {
        if (!_entities.TryGetValue(name, out var kinds))
        {
            return false;
        }

        foreach (var kind in kinds)
        {
            var accepted = filter switch
            {
                EntityFilter.Any => true,
                EntityFilter.Person => kind == DocumentEntityKind.Person,
                EntityFilter.Organization => kind == DocumentEntityKind.Organization,
                EntityFilter.Place => kind is DocumentEntityKind.Place or DocumentEntityKind.Country,
                EntityFilter.Country => kind == DocumentEntityKind.Country,
                _ => false,
            };
            if (accepted)
            {
                return true;
            }
        }

        return false;
    }

    private Dictionary<string, List<int>> Index(QueryField field) => field switch
    {
        QueryField.Title => _title,
        QueryField.Source => _source,
        _ => _text,
    };

    private string[] Sorted(QueryField field) => field switch
    {
        QueryField.Title => _sortedTitle ??= SortedKeys(_title),
        QueryField.Source => _sortedSource ??= SortedKeys(_source),
        _ => _sortedText ??= SortedKeys(_text),
    };

    private static string[] SortedKeys(Dictionary<string, List<int>> index)
    {
        var keys = index.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        return keys;
    }

    private static int LowerBound(string[] sorted, string value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(sorted[mid], value) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void Add(Dictionary<string, List<int>> index, string term, int position)
    {
        if (!index.TryGetValue(term, out var positions))
        {
            positions = new List<int>(2);
            index[term] = positions;
        }

        positions.Add(position);
    }
}
