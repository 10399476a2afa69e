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
    /// <summary>How many positions the text's first word comes after the title's last (so no phrase spans the two).</summary>
    internal const int TitleTextGap = 64;

    private readonly Dictionary<string, int> _entities;

    private MatchDocument(DocumentField text, DocumentField title, DocumentField source, Dictionary<string, int> entities, string? language)
    {
        Text = text;
        Title = title;
        Source = source;
        _entities = entities;
        Language = language;
    }

    /// <summary>The language code, lower case, or null when unknown.</summary>
    public string? Language { get; }

    /// <summary>The words of title and text.</summary>
    public DocumentField Text { get; }

    /// <summary>The words of the title.</summary>
    public DocumentField Title { get; }

    /// <summary>The words of the outlet's name and host.</summary>
    public DocumentField Source { get; }

    /// <summary>The normalized names and aliases of the linked entities, each with its kinds as a bit mask (1 &lt;&lt; kind).</summary>
    public IReadOnlyDictionary<string, int> EntityKinds => _entities;

    public static MatchDocument Create(string? title, string? text, string? source, string? language, IEnumerable<DocumentEntity>? entities)
    {
        title ??= string.Empty;
        text ??= string.Empty;
        var textField = new DocumentField.Builder((title.Length + text.Length) / 5);
        var titleField = new DocumentField.Builder(title.Length / 5);
        var position = 0;
        var words = new WordScanner(title);
        while (words.MoveNext())
        {
            textField.Add(words.Term, words.Hash, position);
            titleField.Add(words.Term, words.Hash, position);
            position++;
        }

        position += TitleTextGap;
        words = new WordScanner(text);
        while (words.MoveNext())
        {
            textField.Add(words.Term, words.Hash, position++);
        }

        var sourceField = new DocumentField.Builder(8);
        position = 0;
        words = new WordScanner(source ?? string.Empty);
        while (words.MoveNext())
        {
            sourceField.Add(words.Term, words.Hash, position++);
        }

        var entityIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entity in entities ?? [])
        {
            foreach (var name in entity.Aliases.Prepend(entity.Name))
            {
                var key = NormalizeName(name);
                if (key.Length > 0)
                {
                    entityIndex[key] = entityIndex.GetValueOrDefault(key) | KindBit(entity.Kind);
                }
            }
        }

        var lang = string.IsNullOrWhiteSpace(language) ? null : language.Trim().ToLowerInvariant();
        return new MatchDocument(textField.Build(), titleField.Build(), sourceField.Build(), entityIndex, lang);
    }

    /// <summary>A name as entity filters compare it: its normalized words joined by single spaces.</summary>
    public static string NormalizeName(string name)
    {
        var words = new WordScanner(name);
        if (!words.MoveNext())
        {
            return string.Empty;
        }

        var first = new string(words.Term);
        if (!words.MoveNext())
        {
            return first;
        }

        var joined = new System.Text.StringBuilder(first, name.Length);
        do
        {
            joined.Append(' ').Append(words.Term);
        }
        while (words.MoveNext());
        return joined.ToString();
    }

    /// <summary>The bit mask of the entity kinds an entity filter accepts.</summary>
    public static int FilterMask(EntityFilter filter) => filter switch
    {
        EntityFilter.Any => KindBit(DocumentEntityKind.Person) | KindBit(DocumentEntityKind.Organization) | KindBit(DocumentEntityKind.Place)
            | KindBit(DocumentEntityKind.Country) | KindBit(DocumentEntityKind.Other),
        EntityFilter.Person => KindBit(DocumentEntityKind.Person),
        EntityFilter.Organization => KindBit(DocumentEntityKind.Organization),
        EntityFilter.Place => KindBit(DocumentEntityKind.Place) | KindBit(DocumentEntityKind.Country),
        EntityFilter.Country => KindBit(DocumentEntityKind.Country),
        _ => 0,
    };

    public DocumentField Field(QueryField field) => field switch
    {
        QueryField.Title => Title,
        QueryField.Source => Source,
        _ => Text,
    };

    internal bool HasEntity(EntityFilter filter, string name) =>
        _entities.TryGetValue(name, out var kinds) && (kinds & FilterMask(filter)) != 0;

    private static int KindBit(DocumentEntityKind kind) => 1 << (int)kind;
}
