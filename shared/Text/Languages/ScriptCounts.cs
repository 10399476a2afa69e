namespace MediaMonitor.Text.Languages;

/// <summary>The writing systems the detector tells apart.</summary>
public enum Script
{
    None,
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Devanagari,
    Thai,
    Hangul,
    Han,
}

/// <summary>Pure: how many letters of each script a text has, and which script dominates.</summary>
public sealed record ScriptCounts(int Latin, int Cyrillic, int Greek, int Arabic, int Persian, int Hebrew, int Devanagari, int Thai, int Hangul, int Han, int Kana)
{
    public Script Dominant
    {
        get
        {
            var counts = new (Script Script, int Count)[]
            {
                (Script.Latin, Latin), (Script.Cyrillic, Cyrillic), (Script.Greek, Greek), (Script.Arabic, Arabic), (Script.Hebrew, Hebrew),
                (Script.Devanagari, Devanagari), (Script.Thai, Thai), (Script.Hangul, Hangul),

                // A CJK character carries a word or more: weigh it like a short Latin word.
                (Script.Han, (Han + Kana) * 3),
            };
            var best = counts.MaxBy(c => c.Count);
            return best.Count == 0 ? Script.None : best.Script;
        }
    }

    public static ScriptCounts Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int latin = 0, cyrillic = 0, greek = 0, arabic = 0, persian = 0, hebrew = 0, devanagari = 0, thai = 0, hangul = 0, han = 0, kana = 0;
        foreach (var c in text)
        {
            switch (c)
            {
                case >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '\u00C0' and <= '\u024F' when char.IsLetter(c):
                    latin++;
                    break;
                case >= '\u0400' and <= '\u04FF':
                    cyrillic++;
                    break;
                case >= '\u0370' and <= '\u03FF':
                    greek++;
                    break;
                case '\u067E' or '\u0686' or '\u0698' or '\u06AF' or '\u06CC' or '\u06A9':
                    persian++;
                    arabic++;
                    break;
                case >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F':
                    arabic += char.IsLetter(c) ? 1 : 0;
                    break;
                case >= '\u0590' and <= '\u05FF':
                    hebrew++;
                    break;
                case >= '\u0900' and <= '\u097F':
                    devanagari++;
                    break;
                case >= '\u0E00' and <= '\u0E7F':
                    thai++;
                    break;
                case >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF':
                    hangul++;
                    break;
                case >= '\u3040' and <= '\u30FF':
                    kana++;
                    break;
                case >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF':
                    han++;
                    break;
            }
        }

        return new ScriptCounts(latin, cyrillic, greek, arabic, persian, hebrew, devanagari, thai, hangul, han, kana);
    }
}
