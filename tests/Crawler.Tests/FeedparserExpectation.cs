using System.Globalization;
using System.Text.RegularExpressions;

namespace MediaMonitor.Crawler.Tests;

/// <summary>
/// One checkable line of feedparser's INDEX.tsv, translated from its Python expression into our model: whether the
/// file must be flagged (bozo), and the feed/entry title, link or date it must yield. Other expressions are not ours to check.
/// </summary>
internal sealed partial record FeedparserExpectation(string Path, bool? Bozo, string? Field, string? Text, DateTimeOffset? Date)
{
    public static FeedparserExpectation Parse(string path, string expression)
    {
        var bozo = expression.StartsWith("not bozo", StringComparison.Ordinal) ? false
            : expression.StartsWith("bozo", StringComparison.Ordinal) ? true : (bool?)null;
        var m = FieldPattern().Match(expression);
        if (m.Success)
        {
            var field = m.Groups["scope"].Value.StartsWith("entries", StringComparison.Ordinal) ? "entry." + m.Groups["name"].Value : "feed." + m.Groups["name"].Value;
            var rest = expression[(m.Index + m.Length)..].Trim();
            if (field.EndsWith("_parsed", StringComparison.Ordinal))
            {
                var t = TuplePattern().Match(rest);
                if (t.Success && t.Index == 0)
                {
                    int N(int i) => int.Parse(t.Groups[i].Value, CultureInfo.InvariantCulture);
                    return new(path, bozo, field, null, new DateTimeOffset(N(1), N(2), N(3), N(4), N(5), N(6), TimeSpan.Zero));
                }
            }
            else if (TryPythonString(rest, out var text, out var consumed) && rest[consumed..].Trim().Length == 0)
            {
                return new(path, bozo, field, text, null);
            }
        }

        return new(path, bozo, null, null, null);
    }

    /// <summary>Reads a Python string literal (u'', '', "") at the start of the text.</summary>
    private static bool TryPythonString(string s, out string value, out int consumed)
    {
        value = string.Empty;
        consumed = 0;
        var i = 0;
        if (i < s.Length && s[i] is 'u' or 'b')
        {
            i++;
        }

        if (i >= s.Length || s[i] is not ('\'' or '"'))
        {
            return false;
        }

        var quote = s[i++];
        var sb = new StringBuilder();
        while (i < s.Length && s[i] != quote)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                var e = s[i + 1];
                switch (e)
                {
                    case 'x': sb.Append((char)Convert.ToInt32(s.Substring(i + 2, 2), 16)); i += 4; continue;
                    case 'u': sb.Append((char)Convert.ToInt32(s.Substring(i + 2, 4), 16)); i += 6; continue;
                    case 'U': sb.Append(char.ConvertFromUtf32(Convert.ToInt32(s.Substring(i + 2, 8), 16))); i += 10; continue;
                    case 'n': sb.Append('\n'); break;
                    case 't': sb.Append('\t'); break;
                    case 'r': sb.Append('\r'); break;
                    default: sb.Append(e); break;
                }

                i += 2;
                continue;
            }

            sb.Append(s[i++]);
        }

        if (i >= s.Length)
        {
            return false;
        }

        value = sb.ToString();
        consumed = i + 1;
        return true;
    }

    [GeneratedRegex(@"^(?:not bozo and |bozo and )?(?<scope>feed|entries\[0\])(?:\['(?<name>title|link|published_parsed|updated_parsed)'\]|\.(?<name>title|link|published_parsed|updated_parsed))\s*==\s*")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"^\((\d+), (\d+), (\d+), (\d+), (\d+), (\d+), \d+, \d+, \d+\)")]
    private static partial Regex TuplePattern();
}
