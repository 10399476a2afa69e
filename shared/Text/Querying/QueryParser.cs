namespace MediaMonitor.Text.Querying;

/// <summary>Why a query text is not a valid query: where (0-based character offset) and what to do about it.</summary>
public sealed record QueryParseError(int Position, string Message)
{
    public override string ToString() => $"at character {Position + 1}: {Message}";
}

/// <summary>Either a query or the reason the text is not one.</summary>
public sealed record QueryParseResult(Query? Query, QueryParseError? Error)
{
    public bool IsValid => Query is not null;
}

/// <summary>
/// Parses the analysts' query language: words, "phrases", AND / OR / NOT (upper case), implicit AND between clauses,
/// parentheses, NEAR/n, trailing wildcards and the fields title:, source:, lang:, country:, entity:, person:, org:, place:.
/// Precedence, tightest first: NOT, NEAR/n, AND, OR.
/// </summary>
public static class QueryParser
{
    public const int MaxLength = 4000;
    private const int MinPrefixLength = 2;

    public static QueryParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new QueryParseResult(null, new QueryParseError(0, "The query is empty: type the words an article must contain, e.g. NATO Kazakhstan."));
        }

        if (text.Length > MaxLength)
        {
            return new QueryParseResult(null, new QueryParseError(MaxLength, $"The query is longer than {MaxLength} characters."));
        }

        try
        {
            var parser = new Parser(QueryLexer.Lex(text));
            var query = parser.ParseQuery();
            if (!HasPositiveClause(query))
            {
                return new QueryParseResult(null, new QueryParseError(0,
                    "The query only says what an article must not contain; add what it must contain, e.g. Kazakhstan NOT football."));
            }

            return new QueryParseResult(query, null);
        }
        catch (QueryParseException e)
        {
            return new QueryParseResult(null, new QueryParseError(e.Position, e.Message));
        }
    }

    /// <summary>Whether a match needs at least one thing to be present (a pure NOT, or an OR with a pure NOT branch, does not).</summary>
    private static bool HasPositiveClause(Query query) => query switch
    {
        NotQuery => false,
        AndQuery and => and.Clauses.Any(HasPositiveClause),
        OrQuery or => or.Clauses.All(HasPositiveClause),
        _ => true,
    };

    private sealed class Parser(List<Lexeme> lexemes)
    {
        private int _next;
        private int _depth;

        private Lexeme Current => lexemes[_next];

        public Query ParseQuery()
        {
            var query = ParseOr(QueryField.Text);
            if (Current.Kind == LexemeKind.RightParen)
            {
                throw new QueryParseException(Current.Position, "This ')' closes nothing: remove it or add the matching '(' before it.");
            }

            return query;
        }

        private Query ParseOr(QueryField field)
        {
            var clauses = new List<Query> { ParseAnd(field) };
            while (Current.Kind == LexemeKind.Or)
            {
                var or = Take();
                RequireOperand(or);
                clauses.Add(ParseAnd(field));
            }

            return clauses.Count == 1 ? clauses[0] : new OrQuery(Flatten<OrQuery>(clauses));
        }

        private Query ParseAnd(QueryField field)
        {
            var clauses = new List<Query> { ParseUnary(field) };
            while (true)
            {
                if (Current.Kind == LexemeKind.And)
                {
                    var and = Take();
                    RequireOperand(and);
                    clauses.Add(ParseUnary(field));
                }
                else if (StartsClause(Current.Kind))
                {
                    clauses.Add(ParseUnary(field));
                }
                else
                {
                    break;
                }
            }

            return clauses.Count == 1 ? clauses[0] : new AndQuery(Flatten<AndQuery>(clauses));
        }

        private Query ParseUnary(QueryField field)
        {
            if (Current.Kind == LexemeKind.Not)
            {
                var not = Take();
                RequireOperand(not);
                return new NotQuery(ParseUnary(field));
            }

            return ParseNear(field);
        }

        private Query ParseNear(QueryField field)
        {
            var leftStart = Current;
            var left = ParsePrimary(field);
            if (Current.Kind != LexemeKind.Near)
            {
                return left;
            }

            var near = Take();
            RequireOperand(near);
            var rightStart = Current;
            var right = ParsePrimary(field);
            var (leftOperand, rightOperand) = (Positional(left, leftStart, near), Positional(right, rightStart, near));
            if ((leftOperand.Field == QueryField.Source) != (rightOperand.Field == QueryField.Source))
            {
                // The outlet's words are numbered apart from the title's and text's: no distance between them means anything.
                throw new QueryParseException(leftOperand.Field == QueryField.Source ? leftStart.Position : rightStart.Position,
                    $"{near.Text} cannot measure a distance between the outlet's name (source:) and the article's words; "
                    + "write source:reuters AND word to ask for both.");
            }

            var query = new NearQuery(leftOperand, rightOperand, near.Distance);
            if (Current.Kind == LexemeKind.Near)
            {
                throw new QueryParseException(Current.Position,
                    "NEAR/n joins exactly two words or phrases; to chain more, write (a NEAR/5 b) AND (b NEAR/5 c).");
            }

            return query;
        }

        private Query ParsePrimary(QueryField field)
        {
            var lexeme = Current;
            switch (lexeme.Kind)
            {
                case LexemeKind.LeftParen:
                    return ParseGroup(field);
                case LexemeKind.Word:
                    Take();
                    return WordClause(field, lexeme);
                case LexemeKind.Phrase:
                    Take();
                    return PhraseClause(field, lexeme);
                case LexemeKind.Field:
                    Take();
                    return FieldClause(lexeme);
                case LexemeKind.End:
                    throw new QueryParseException(lexeme.Position, "The query ends where a word or phrase was expected.");
                case LexemeKind.RightParen:
                    throw new QueryParseException(lexeme.Position, "Expected a word or phrase before this ')'; empty parentheses match nothing.");
                default:
                    throw new QueryParseException(lexeme.Position,
                        $"'{lexeme.Text}' cannot stand here: put a word or phrase before it (operators are AND, OR, NOT, NEAR/n in capitals).");
            }
        }

        private Query ParseGroup(QueryField field)
        {
            var open = Take();
            if (++_depth > 32)
            {
                throw new QueryParseException(open.Position, "Parentheses are nested more than 32 deep.");
            }

            if (Current.Kind == LexemeKind.RightParen)
            {
                throw new QueryParseException(open.Position, "These parentheses are empty: put words inside them or remove them.");
            }

            var inner = ParseOr(field);
            if (Current.Kind != LexemeKind.RightParen)
            {
                throw new QueryParseException(open.Position, "This '(' is never closed: add a ')' where the group ends.");
            }

            Take();
            _depth--;
            return inner;
        }

        private Query FieldClause(Lexeme fieldLexeme)
        {
            var value = Current;
            switch (fieldLexeme.Text)
            {
                case "title":
                case "source":
                    var field = fieldLexeme.Text == "title" ? QueryField.Title : QueryField.Source;
                    return value.Kind switch
                    {
                        LexemeKind.Word => WordClause(field, Take()),
                        LexemeKind.Phrase => PhraseClause(field, Take()),
                        LexemeKind.LeftParen => ParseGroup(field),
                        _ => throw MissingValue(fieldLexeme),
                    };
                case "lang":
                    if (value.Kind != LexemeKind.Word || value.Text.Length is < 2 or > 3 || !value.Text.All(char.IsAsciiLetter))
                    {
                        throw new QueryParseException(value.Position, "lang: takes a two- or three-letter language code, e.g. lang:en, lang:ru or lang:kaz.");
                    }

                    Take();
                    return new LanguageQuery(value.Text.ToLowerInvariant());
                default:
                    if (value.Kind is not (LexemeKind.Word or LexemeKind.Phrase))
                    {
                        throw MissingValue(fieldLexeme);
                    }

                    Take();
                    if (value.Text.Contains('*', StringComparison.Ordinal))
                    {
                        throw new QueryParseException(value.Position, $"{fieldLexeme.Text}: takes a whole name; wildcards are not allowed there.");
                    }

                    var name = MatchDocument.NormalizeName(value.Text);
                    if (name.Length == 0)
                    {
                        throw new QueryParseException(value.Position, $"{fieldLexeme.Text}: needs a name with letters or digits.");
                    }

                    return new EntityQuery(fieldLexeme.Text switch
                    {
                        "person" => EntityFilter.Person,
                        "org" => EntityFilter.Organization,
                        "place" => EntityFilter.Place,
                        "country" => EntityFilter.Country,
                        _ => EntityFilter.Any,
                    }, name);
            }
        }

        private static QueryParseException MissingValue(Lexeme fieldLexeme) =>
            new(fieldLexeme.Position, $"'{fieldLexeme.Text}:' needs a value right after the colon, e.g. {fieldLexeme.Text}:\"Dmitry Peskov\".");

        private static Query WordClause(QueryField field, Lexeme word)
        {
            var text = word.Text;
            var star = text.IndexOf('*', StringComparison.Ordinal);
            if (star >= 0 && star != text.Length - 1)
            {
                throw new QueryParseException(word.Position + star, "A wildcard * is only allowed at the end of a word, e.g. sanction*.");
            }

            var terms = Tokenizer.Terms(star >= 0 ? text[..^1] : text);
            if (terms.Count == 0)
            {
                throw new QueryParseException(word.Position, $"'{text}' has no letters or digits to search for.");
            }

            if (star >= 0)
            {
                if (terms.Count > 1)
                {
                    throw new QueryParseException(word.Position, $"'{text}': a wildcard works on one word; punctuation splits this into {terms.Count} words.");
                }

                if (terms[0].Length < MinPrefixLength)
                {
                    throw new QueryParseException(word.Position, $"'{text}': put at least {MinPrefixLength} letters before the wildcard *.");
                }

                return new PrefixQuery(field, terms[0]);
            }

            // "e-mail" or "U.S." are several words for the tokenizer: they must stand together, as a phrase.
            return terms.Count == 1 ? new TermQuery(field, terms[0]) : new PhraseQuery(field, terms);
        }

        private static Query PhraseClause(QueryField field, Lexeme phrase)
        {
            if (phrase.Text.Contains('*', StringComparison.Ordinal))
            {
                throw new QueryParseException(phrase.Position, "Wildcards do not work inside quotes; quote whole words only.");
            }

            var terms = Tokenizer.Terms(phrase.Text);
            return terms.Count switch
            {
                0 => throw new QueryParseException(phrase.Position, "This phrase is empty: put words between the quotes."),
                1 => new TermQuery(field, terms[0]),
                _ => new PhraseQuery(field, terms),
            };
        }

        private static PositionalQuery Positional(Query operand, Lexeme start, Lexeme near) => operand as PositionalQuery
            ?? throw new QueryParseException(start.Position,
                $"{near.Text} measures the distance between two words, wildcards or phrases; it cannot take a group, a field filter or NOT here.");

        private void RequireOperand(Lexeme op)
        {
            if (!StartsClause(Current.Kind) && Current.Kind != LexemeKind.Not)
            {
                var what = Current.Kind == LexemeKind.End ? "the query ends" : $"'{Current.Text}' follows";
                throw new QueryParseException(op.Position, $"{op.Text} needs a word or phrase after it, but {what}.");
            }
        }

        private static bool StartsClause(LexemeKind kind) =>
            kind is LexemeKind.Word or LexemeKind.Phrase or LexemeKind.Field or LexemeKind.LeftParen or LexemeKind.Not;

        private Lexeme Take() => lexemes[_next++];

        private static List<Query> Flatten<T>(List<Query> clauses)
            where T : Query
        {
            var flat = new List<Query>(clauses.Count);
            foreach (var clause in clauses)
            {
                switch (clause)
                {
                    case AndQuery nestedAnd when typeof(T) == typeof(AndQuery):
                        flat.AddRange(nestedAnd.Clauses);
                        break;
                    case OrQuery nestedOr when typeof(T) == typeof(OrQuery):
                        flat.AddRange(nestedOr.Clauses);
                        break;
                    default:
                        flat.Add(clause);
                        break;
                }
            }

            return flat;
        }
    }
}
