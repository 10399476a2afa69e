using System.Globalization;

namespace MediaMonitor.Text.Querying;

/// <summary>Which part of an article a word, prefix or phrase is looked for in.</summary>
public enum QueryField
{
    /// <summary>Title and text.</summary>
    Text = 0,
    Title = 1,

    /// <summary>The outlet: its site name and host.</summary>
    Source = 2,
}

/// <summary>Which linked entities an entity filter looks at.</summary>
public enum EntityFilter
{
    Any = 0,
    Person = 1,
    Organization = 2,
    Place = 3,
    Country = 4,
}

/// <summary>A parsed query: a tree of clauses. <see cref="ToString"/> gives its canonical text.</summary>
public abstract record Query
{
    /// <summary>Whether the document satisfies this clause.</summary>
    public abstract bool Matches(MatchDocument document);

    /// <summary>The canonical query text (operators upper-case, terms normalized, groups in parentheses).</summary>
    public abstract override string ToString();

    internal static string FieldPrefix(QueryField field) => field switch
    {
        QueryField.Title => "title:",
        QueryField.Source => "source:",
        _ => string.Empty,
    };
}

/// <summary>A clause NEAR/n can measure distances between: a word, a prefix or a phrase.</summary>
public abstract record PositionalQuery : Query
{
    public abstract QueryField Field { get; }

    /// <summary>Every occurrence as an inclusive span of word positions.</summary>
    internal abstract void CollectSpans(MatchDocument document, List<(int Start, int End)> spans);
}

/// <summary>One normalized word.</summary>
public sealed record TermQuery(QueryField Field, string Term) : PositionalQuery
{
    public override QueryField Field { get; } = Field;

    public override bool Matches(MatchDocument document) => document.Field(Field).SlotOf(Term) >= 0;

    internal override void CollectSpans(MatchDocument document, List<(int Start, int End)> spans)
    {
        foreach (var p in document.Field(Field).Positions(Term))
        {
            spans.Add((p, p));
        }
    }

    public override string ToString() => FieldPrefix(Field) + Term;
}

/// <summary>Every word starting with a normalized prefix (<c>sanction*</c>).</summary>
public sealed record PrefixQuery(QueryField Field, string Prefix) : PositionalQuery
{
    public override QueryField Field { get; } = Field;

    public override bool Matches(MatchDocument document) => document.Field(Field).HasPrefix(Prefix);

    internal override void CollectSpans(MatchDocument document, List<(int Start, int End)> spans)
    {
        var field = document.Field(Field);
        foreach (var slot in field.SlotsWithPrefix(Prefix))
        {
            foreach (var p in field.PositionsAt(slot))
            {
                spans.Add((p, p));
            }
        }
    }

    public override string ToString() => FieldPrefix(Field) + Prefix + "*";
}

/// <summary>Normalized words in this exact order.</summary>
public sealed record PhraseQuery(QueryField Field, IReadOnlyList<string> Terms) : PositionalQuery
{
    public override QueryField Field { get; } = Field;

    public override bool Matches(MatchDocument document)
    {
        var field = document.Field(Field);
        foreach (var start in field.Positions(Terms[0]))
        {
            if (FollowsAt(field, start))
            {
                return true;
            }
        }

        return false;
    }

    internal override void CollectSpans(MatchDocument document, List<(int Start, int End)> spans)
    {
        var field = document.Field(Field);
        foreach (var start in field.Positions(Terms[0]))
        {
            if (FollowsAt(field, start))
            {
                spans.Add((start, start + Terms.Count - 1));
            }
        }
    }

    private bool FollowsAt(DocumentField field, int start)
    {
        for (var i = 1; i < Terms.Count; i++)
        {
            if (field.Positions(Terms[i]).BinarySearch(start + i) < 0)
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => FieldPrefix(Field) + "\"" + string.Join(' ', Terms) + "\"";

    public bool Equals(PhraseQuery? other) => other is not null && Field == other.Field && Terms.SequenceEqual(other.Terms);

    public override int GetHashCode() => HashCode.Combine(Field, string.Join(' ', Terms));
}

/// <summary>Two words, prefixes or phrases with at most <see cref="Distance"/> words between them, in either order.</summary>
public sealed record NearQuery(PositionalQuery Left, PositionalQuery Right, int Distance) : Query
{
    // NEAR operands are never NEAR queries themselves, so one pair of buffers per thread is enough.
    [ThreadStatic]
    private static List<(int Start, int End)>? _leftSpans;

    [ThreadStatic]
    private static List<(int Start, int End)>? _rightSpans;

    public override bool Matches(MatchDocument document)
    {
        if (!Left.Matches(document) || !Right.Matches(document))
        {
            return false;
        }

        var left = _leftSpans ??= [];
        var right = _rightSpans ??= [];
        left.Clear();
        right.Clear();
        Left.CollectSpans(document, left);
        Right.CollectSpans(document, right);
        foreach (var a in left)
        {
            foreach (var b in right)
            {
                var between = a.End < b.Start ? b.Start - a.End - 1 : b.End < a.Start ? a.Start - b.End - 1 : 0;
                if (between <= Distance)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override string ToString() =>
        Left + " NEAR/" + Distance.ToString(CultureInfo.InvariantCulture) + " " + Right;
}

/// <summary>Every clause must match.</summary>
public sealed record AndQuery(IReadOnlyList<Query> Clauses) : Query
{
    public override bool Matches(MatchDocument document)
    {
        foreach (var clause in Clauses)
        {
            if (!clause.Matches(document))
            {
                return false;
            }
        }

        return true;
    }

    public override string ToString() => "(" + string.Join(" AND ", Clauses) + ")";

    public bool Equals(AndQuery? other) => other is not null && Clauses.SequenceEqual(other.Clauses);

    public override int GetHashCode() => Clauses.Count;
}

/// <summary>At least one clause must match.</summary>
public sealed record OrQuery(IReadOnlyList<Query> Clauses) : Query
{
    public override bool Matches(MatchDocument document)
    {
        foreach (var clause in Clauses)
        {
            if (clause.Matches(document))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => "(" + string.Join(" OR ", Clauses) + ")";

    public bool Equals(OrQuery? other) => other is not null && Clauses.SequenceEqual(other.Clauses);

    public override int GetHashCode() => Clauses.Count;
}

/// <summary>The clause must not match.</summary>
public sealed record NotQuery(Query Clause) : Query
{
    public override bool Matches(MatchDocument document) => !Clause.Matches(document);

    public override string ToString() => "NOT " + Clause;
}

/// <summary>A linked entity of a kind, named (under any of its aliases) by a normalized name.</summary>
public sealed record EntityQuery(EntityFilter Kind, string Name) : Query
{
    public override bool Matches(MatchDocument document) => document.HasEntity(Kind, Name);

    public override string ToString() => Kind switch
    {
        EntityFilter.Person => "person:",
        EntityFilter.Organization => "org:",
        EntityFilter.Place => "place:",
        EntityFilter.Country => "country:",
        _ => "entity:",
    } + "\"" + Name + "\"";
}

/// <summary>The article's language (ISO 639-1 code, lower case).</summary>
public sealed record LanguageQuery(string Language) : Query
{
    public override bool Matches(MatchDocument document) => document.Language == Language;

    public override string ToString() => "lang:" + Language;
}
