namespace MediaMonitor.Text.Languages;

/// <summary>
/// What marks one language written in the Latin or Cyrillic script: its commonest function words, some of its most
/// frequent character trigrams (word boundaries as spaces) and the letters that hardly any other profiled language uses.
/// </summary>
public sealed class LanguageProfile(string code, string stopWords, string trigrams, string markers)
{
    public string Code { get; } = code;

    public IReadOnlySet<string> StopWords { get; } = stopWords.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Trigrams are written with '_' for a word boundary.</summary>
    public IReadOnlySet<string> Trigrams { get; } = trigrams.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t.Replace('_', ' ')).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<char> Markers { get; } = markers.ToHashSet();
}
