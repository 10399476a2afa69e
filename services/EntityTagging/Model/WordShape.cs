using System.Text;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>Word shapes: "Kazakhstan" -> "Xx", "NATO" -> "X", "U.S." -> "X.X.", "1996" -> "d", "Nur-Sultan" -> "Xx-Xx".</summary>
public static class WordShape
{
    public static string Collapsed(string word)
    {
        var sb = new StringBuilder(8);
        foreach (var c in word)
        {
            var k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            if (sb.Length == 0 || sb[^1] != k)
            {
                sb.Append(k);
            }

            if (sb.Length >= 8)
            {
                break;
            }
        }

        return sb.ToString();
    }

    /// <summary>Shape with run lengths capped at 2 ("Xxx" for "Peskov", "XX" for "NATO", "Xx" for "Al").</summary>
    public static string Detailed(string word)
    {
        var sb = new StringBuilder(8);
        var run = 0;
        foreach (var c in word)
        {
            var k = char.IsUpper(c) ? 'X' : char.IsLower(c) ? 'x' : char.IsDigit(c) ? 'd' : c;
            run = sb.Length > 0 && sb[^1] == k ? run + 1 : 1;
            if (run <= 2)
            {
                sb.Append(k);
            }

            if (sb.Length >= 10)
            {
                break;
            }
        }

        return sb.ToString();
    }
}
