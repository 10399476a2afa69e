using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;

namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>
/// The first tagger: gazetteer lookup plus name rules over capitalised token runs (organisation words, person cues such
/// as titles, first names and verbs of saying), then within-article propagation of known names ("Peskov" after
/// "Dmitry Peskov", "Mendkovic" after "Nikita Mendkovich").
/// </summary>
public sealed class RuleRecognizer(Gazetteer gazetteer) : IEntityRecognizer
{
    private const long MinimumPlacePopulation = 15_000;
    private const long MinimumAmbiguousPlacePopulation = 100_000;

    public string Version => "rules-1";

    public List<Mention> Recognise(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var mentions = new List<Mention>();
        var leftovers = new List<(int Sentence, int Start, int Length)>();
        for (var s = 0; s < sentences.Count; s++)
        {
            var tokens = sentences[s];
            var folded = tokens.Select(Gazetteer.Fold).ToList();
            foreach (var (start, length) in CapitalisedRuns(tokens))
            {
                RecogniseRun(s, tokens, folded, start, length, mentions, leftovers);
            }
        }

        PropagatePersons(sentences, mentions, leftovers);
        mentions.Sort((a, b) => a.Sentence != b.Sentence ? a.Sentence.CompareTo(b.Sentence) : a.Start.CompareTo(b.Start));
        return mentions;
    }

    private void RecogniseRun(int s, IReadOnlyList<string> tokens, List<string> folded, int start, int length,
        List<Mention> mentions, List<(int, int, int)> leftovers)
    {
        var end = start + length;

        // A sentence-opening common word ("The", "Most", "Speculation") is not part of a name.
        while (start < end && IsSentenceInitial(tokens, start) && gazetteer.IsLowercaseWord(tokens[start])
               && !IsStrong(gazetteer.LongestMatch(tokens, folded, start)))
        {
            start++;
        }

        while (start < end && NameCues.Connectors.Contains(tokens[start]))
        {
            start++;
        }

        if (start >= end)
        {
            return;
        }

        var (wholeLength, wholeEntries) = gazetteer.LongestMatch(tokens, folded, start);
        if (wholeLength == end - start && IsStrong((wholeLength, wholeEntries)))
        {
            mentions.Add(Create(s, tokens, start, wholeLength, wholeEntries));
            return;
        }

        if (end - start >= 2 && HasOrganisationWord(tokens, folded, start, end))
        {
            var entries = wholeLength == end - start ? wholeEntries : [];
            mentions.Add(new Mention(s, start, end - start, EntityType.Organization, Join(tokens, start, end - start), entries));
            return;
        }

        var i = start;
        var unknownFrom = -1;
        var runMentions = mentions.Count;
        var unknownAt = new bool[end];
        while (i < end)
        {
            var consumed = TryStrongGazetteer(s, tokens, folded, i, end, mentions)
                ?? TryPerson(s, tokens, i, end, mentions)
                ?? TryPlace(s, tokens, folded, i, end, mentions);
            if (consumed is { } n)
            {
                FlushUnknown(s, tokens, unknownFrom, i, mentions, leftovers);
                unknownFrom = -1;
                i += n;
                continue;
            }

            if (!NameCues.Connectors.Contains(tokens[i]))
            {
                unknownAt[i] = true;
                if (unknownFrom < 0)
                {
                    unknownFrom = i;
                }
            }

            i++;
        }

        FlushUnknown(s, tokens, unknownFrom, end, mentions, leftovers);

        // A town name glued to unknown capitalised words ("Steppen Orel") is more likely part of another name.
        for (var k = mentions.Count - 1; k >= runMentions; k--)
        {
            var m = mentions[k];
            var glued = (m.Start > 0 && unknownAt[m.Start - 1]) || (m.End < end && unknownAt[m.End]);
            if (glued && m.Type == EntityType.Location
                && m.Candidates.All(c => c.Kind == GazetteerKind.Place && !gazetteer.IsCurated(c.EntityId)))
            {
                mentions.RemoveAt(k);
            }
        }
    }

    private int? TryStrongGazetteer(int s, IReadOnlyList<string> tokens, List<string> folded, int i, int end, List<Mention> mentions)
    {
        var (length, entries) = gazetteer.LongestMatch(tokens, folded, i);
        if (length == 0 || i + length > end || !IsStrong((length, entries)))
        {
            return null;
        }

        mentions.Add(Create(s, tokens, i, length, entries));
        return length;
    }

    private int? TryPerson(int s, IReadOnlyList<string> tokens, int i, int end, List<Mention> mentions)
    {
        var first = i;
        if (NameCues.TitlesBefore.Contains(tokens[i]) && i + 1 < end)
        {
            first = i + 1; // "President Putin": the title is not part of the name.
        }

        var last = first;
        while (last + 1 < end && last + 1 - first < 4 && IsNameWord(tokens[last + 1]))
        {
            last++;
        }

        var count = last - first + 1;
        var isInitial = tokens[first].Length == 2 && tokens[first][1] == '.' && char.IsUpper(tokens[first][0]);
        if (count < 2 || !IsNameWord(tokens[first]) && !isInitial)
        {
            return null;
        }

        var cued = gazetteer.IsFirstName(tokens[first]) || isInitial || first > i || HasPersonCue(tokens, first, last + 1);
        if (!cued)
        {
            return null;
        }

        mentions.Add(new Mention(s, first, count, EntityType.Person, Join(tokens, first, count), [], Certain: first > i || HasPersonCue(tokens, first, last + 1)));
        return last + 1 - i;
    }

    private int? TryPlace(int s, IReadOnlyList<string> tokens, List<string> folded, int i, int end, List<Mention> mentions)
    {
        var (length, entries) = gazetteer.LongestMatch(tokens, folded, i);
        if (length == 0 || i + length > end)
        {
            return null;
        }

        var places = entries.Where(e => e.Kind == GazetteerKind.Place).ToList();
        var best = places.MaxBy(e => e.Prominence);
        if (best is null)
        {
            return null;
        }

        var major = best.Population >= MinimumPlacePopulation || best.FeatureCode is "PPLC" or "PPLA";
        var ambiguous = length == 1 && (gazetteer.IsLowercaseWord(tokens[i]) || gazetteer.IsFirstName(tokens[i]));
        if (!major || ambiguous && (IsSentenceInitial(tokens, i) || best.Population < MinimumAmbiguousPlacePopulation))
        {
            return null;
        }

        mentions.Add(Create(s, tokens, i, length, places));
        return length;
    }

    private void FlushUnknown(int s, IReadOnlyList<string> tokens, int from, int to, List<Mention> mentions, List<(int, int, int)> leftovers)
    {
        if (from < 0 || to <= from)
        {
            return;
        }

        while (to > from && NameCues.Connectors.Contains(tokens[to - 1]))
        {
            to--;
        }

        var length = to - from;
        if (length == 1 && IsAcronym(tokens[from]))
        {
            mentions.Add(new Mention(s, from, 1, EntityType.Organization, tokens[from], []));
            return;
        }

        leftovers.Add((s, from, length));
    }

    /// <summary>Names seen in full earlier or later in the article make their surnames and variants persons too.</summary>
    private static void PropagatePersons(IReadOnlyList<IReadOnlyList<string>> sentences, List<Mention> mentions, List<(int S, int Start, int Length)> leftovers)
    {
        var surnames = new HashSet<string>(StringComparer.Ordinal);
        var fullNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in mentions.Where(m => m.Type == EntityType.Person))
        {
            var words = m.Text.Split(' ');
            surnames.Add(Linking.NameKey.Of(words[^1]));
            fullNames.Add(Linking.NameKey.Of(m.Text));
        }

        foreach (var (s, start, length) in leftovers)
        {
            var tokens = sentences[s];
            var text = Join(tokens, start, length);
            var key = Linking.NameKey.Of(text);
            var lastIsKnownSurname = length is 2 or 3 && surnames.Contains(Linking.NameKey.Of(tokens[start + length - 1])) && IsNameWord(tokens[start]);
            if (fullNames.Contains(key) || (length == 1 && surnames.Contains(key)) || lastIsKnownSurname)
            {
                mentions.Add(new Mention(s, start, length, EntityType.Person, text, [], Certain: true));
            }
        }
    }

    private bool HasPersonCue(IReadOnlyList<string> tokens, int start, int end)
    {
        if (start > 0 && (NameCues.TitlesBefore.Contains(tokens[start - 1]) || NameCues.SpeechVerbs.Contains(tokens[start - 1])))
        {
            return true;
        }

        if (end < tokens.Count && NameCues.SpeechVerbs.Contains(tokens[end]))
        {
            return true;
        }

        if (end + 1 < tokens.Count && tokens[end] == "," && NameCues.RolesAfterComma.Contains(tokens[end + 1]))
        {
            return true;
        }

        // "..., said the head of the Eurasian Analytical Club, Nikita Mendkovich."
        return start > 0 && tokens[start - 1] == "," && (end >= tokens.Count || tokens[end] is "." or "," or "\u201D" or "\"")
            && tokens.Take(start).Any(NameCues.SpeechVerbs.Contains);
    }

    private bool IsStrong((int Length, List<GazetteerEntry> Entries) match) =>
        match.Length > 0 && match.Entries.Any(e => e.Kind is GazetteerKind.Country or GazetteerKind.Organisation or GazetteerKind.Demonym
            or GazetteerKind.Person || gazetteer.IsCurated(e.EntityId));

    private static Mention Create(int s, IReadOnlyList<string> tokens, int start, int length, List<GazetteerEntry> entries)
    {
        var strongest = entries.MaxBy(e => e.Prominence)!;
        var certain = strongest.Kind is not GazetteerKind.Place || strongest.Population >= MinimumAmbiguousPlacePopulation;
        return new Mention(s, start, length, strongest.Type, Join(tokens, start, length), entries, certain);
    }

    private bool HasOrganisationWord(IReadOnlyList<string> tokens, List<string> folded, int start, int end)
    {
        // An organisation word inside a known name ("Russian Federation") does not make the whole run an organisation.
        var insideKnown = new bool[end - start];
        for (var i = start; i < end; i++)
        {
            var match = gazetteer.LongestMatch(tokens, folded, i);
            if (IsStrong(match) && i + match.Length <= end)
            {
                Array.Fill(insideKnown, true, i - start, match.Length);
                i += match.Length - 1;
            }
        }

        for (var i = start; i < end; i++)
        {
            if (insideKnown[i - start] || !NameCues.OrganisationWords.Contains(tokens[i]))
            {
                continue;
            }

            if (i == end - 1 || NameCues.Connectors.Contains(tokens[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Runs of capitalised tokens, with lower-case connectors allowed between two capitalised ones.</summary>
    public static IEnumerable<(int Start, int Length)> CapitalisedRuns(IReadOnlyList<string> tokens)
    {
        var i = 0;
        while (i < tokens.Count)
        {
            if (!IsCapitalised(tokens[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var end = i + 1;
            while (end < tokens.Count)
            {
                if (IsCapitalised(tokens[end]))
                {
                    end++;
                    continue;
                }

                var j = end;
                while (j < tokens.Count && NameCues.Connectors.Contains(tokens[j]) && j - end < 2)
                {
                    j++;
                }

                if (j > end && j < tokens.Count && IsCapitalised(tokens[j]))
                {
                    end = j + 1;
                    continue;
                }

                break;
            }

            yield return (start, end - start);
            i = end;
        }
    }

    private static bool IsCapitalised(string token) => token.Length > 0 && char.IsUpper(token[0]) && token.Any(char.IsLetter);

    private static bool IsNameWord(string token) =>
        token.Length > 1 && char.IsUpper(token[0]) && token.Skip(1).Any(char.IsLower) && !token.Contains('.', StringComparison.Ordinal);

    private static bool IsAcronym(string token) => token.Length is >= 2 and <= 6 && token.All(c => char.IsUpper(c) || c == '.' || char.IsDigit(c))
        && token.Count(char.IsLetter) >= 2;

    private static bool IsSentenceInitial(IReadOnlyList<string> tokens, int i)
    {
        for (var k = 0; k < i; k++)
        {
            if (tokens[k].Any(char.IsLetterOrDigit))
            {
                return false;
            }
        }

        return true;
    }

    private static string Join(IReadOnlyList<string> tokens, int start, int length) =>
        length == 1 ? tokens[start] : string.Join(' ', tokens.Skip(start).Take(length));
}
