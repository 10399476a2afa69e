using MediaMonitor.Text.Querying;

namespace MediaMonitor.Text.Tests.Querying;

public sealed class SearchTokensTests
{
    /// <summary>The lexemes of <see cref="SearchTokens.ForText"/>'s tsvector text form, each with its positions (empty: none).</summary>
    private static Dictionary<string, int[]> Lexemes(string vector) =>
        vector.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(entry => entry.Split(':')).ToDictionary(
            parts => parts[0], parts => parts.Length == 1 ? [] : parts[1].Split(',').Select(int.Parse).ToArray(), StringComparer.Ordinal);

    [Fact]
    public void Title_and_text_tokens_carry_the_matchers_word_positions_plus_one_and_the_outlets_none()
    {
        const string title = "Minister calls election";
        const string text = "The prime minister called an early election; the minister of Zürich spoke.";
        var lexemes = Lexemes(SearchTokens.ForText(title, text, "Herald Wire", "https://herald.example/a"));
        var document = MatchDocument.Create(title, text, "", null, []);
        for (var slot = 0; slot < document.Text.Count; slot++)
        {
            var token = SearchTokens.Of(document.Text.TermAt(slot));
            Assert.Equal(document.Text.PositionsAt(slot).ToArray().Select(p => p + 1), lexemes[token]);
        }

        Assert.Equal([1, 70, 76], lexemes["minister"]);
        Assert.Empty(lexemes["herald"]);
        Assert.Empty(lexemes["wire"]);
        Assert.Empty(lexemes[SearchTokens.ExactPositions]);
    }

    [Fact]
    public void A_word_past_a_tsvectors_limits_loses_its_positions_and_the_vector_its_exact_mark()
    {
        var often = Lexemes(SearchTokens.ForText("Title", string.Join(' ', Enumerable.Repeat("again", 257)) + " end", null, null));
        Assert.Empty(often["again"]);
        Assert.Single(often["end"]);
        Assert.False(often.ContainsKey(SearchTokens.ExactPositions));

        var exactlyEnough = Lexemes(SearchTokens.ForText("Title", string.Join(' ', Enumerable.Repeat("again", 256)), null, null));
        Assert.Equal(256, exactlyEnough["again"].Length);
        Assert.True(exactlyEnough.ContainsKey(SearchTokens.ExactPositions));

        var late = Lexemes(SearchTokens.ForText("", string.Join(' ', Enumerable.Range(0, 16_400).Select(i => "w" + i)), null, null));
        Assert.Equal([16_383], late["w" + (16_383 - 65)]);
        Assert.Empty(late["w" + (16_384 - 65)]);
        Assert.False(late.ContainsKey(SearchTokens.ExactPositions));
    }

    [Fact]
    public void Phrases_and_near_of_two_different_text_words_have_a_positional_form_and_other_clauses_none()
    {
        Assert.Equal("minister <1> election | election <1> minister | minister <2> election | election <2> minister",
            SearchPrefilter.Positional(QueryParser.Parse("minister NEAR/1 election").Query!));
        Assert.Equal("early <-> election", SearchPrefilter.Positional(QueryParser.Parse("\"early election\"").Query!));
        Assert.Equal("(early <-> election) | !xpositions", SearchPrefilter.PositionalGuard(QueryParser.Parse("\"early election\"").Query!));
        foreach (var query in new[] { "title:\"early election\"", "minister NEAR/2 minister", "minist* NEAR/2 election", "\"early election\" NEAR/2 minister", "minister NEAR/21 election" })
        {
            Assert.Null(SearchPrefilter.Positional(QueryParser.Parse(query).Query!));
        }
    }

    [Fact]
    public void The_text_form_is_the_tokens_in_first_seen_order_each_with_its_positions_then_the_outlets_new_tokens()
    {
        // Words repeated (positions in word order), non-ASCII and long words (hashed tokens), a word past 256
        // occurrences, a token of the outlet and host also in the text (written once), and one only there.
        var text = "Zürich's glacier lost ice; the glacier report (2,400 km²) says Zürich " +
            string.Join(' ', Enumerable.Repeat("again", 300)) + " " + new string('a', 41) + " x1 herald";
        foreach (var (title, body) in new[] { ("Glacier report", text), ("", text), ("Only a title", ""), ("", "") })
        {
            Assert.Equal(Reference(title, body, "Herald Wire", "https://www.herald.example/a"),
                SearchTokens.ForText(title, body, "Herald Wire", "https://www.herald.example/a"));
        }

        Assert.Equal(Reference("Glacier", "Ice loss", null, null), SearchTokens.ForText("Glacier", "Ice loss", null, null));
    }

    /// <summary>The text form written the plain way (a list of positions per token): what ForText must equal.</summary>
    private static string Reference(string? title, string? text, string? outlet, string? url)
    {
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        var position = 0;
        foreach (var part in new[] { title, null, text })
        {
            if (part is null)
            {
                position += 64; // MatchDocument.TitleTextGap
                continue;
            }

            var words = new WordScanner(part);
            while (words.MoveNext())
            {
                var token = SearchTokens.Of(words.Term);
                if (!positions.TryGetValue(token, out var at))
                {
                    positions[token] = at = [];
                    order.Add(token);
                }

                at.Add(++position);
            }
        }

        var entries = new List<string>();
        var exact = true;
        foreach (var token in order)
        {
            var at = positions[token];
            var fits = at.Count <= 256 && at[^1] <= 16_383;
            exact &= fits;
            entries.Add(fits ? token + ":" + string.Join(',', at) : token);
        }

        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "";
        entries.AddRange(SearchTokens.Join([outlet, host]).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !positions.ContainsKey(t)));
        if (exact)
        {
            entries.Add(SearchTokens.ExactPositions);
        }

        return string.Join(' ', entries);
    }
}
