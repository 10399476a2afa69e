using MediaMonitor.EntityTagging.Recognition;

namespace MediaMonitor.EntityTagging.Model;

/// <summary>
/// For each token inside a run of two or more capitalised words ("Eurasian Analytical Club", "Battle of Antietam"), the
/// kind of word that heads the run (an organisation word or an event word, at its end or before a connector such as
/// "of") and the token's position in the run, or null: a feature that carries to names the tagger has never seen.
/// </summary>
public static class NameHeads
{
    public static string?[] Of(IReadOnlyList<string> words)
    {
        var tags = new string?[words.Count];
        foreach (var (start, length) in RuleRecognizer.CapitalisedRuns(words))
        {
            if (length < 2 || HeadOf(words, start, start + length) is not { } head)
            {
                continue;
            }

            for (var k = 0; k < length; k++)
            {
                tags[start + k] = head + (k == 0 ? "|B" : k == length - 1 ? "|L" : "|I");
            }
        }

        return tags;
    }

    private static string? HeadOf(IReadOnlyList<string> words, int start, int end)
    {
        for (var i = end - 1; i >= start; i--)
        {
            var headPosition = i == end - 1 || NameCues.Connectors.Contains(words[i + 1]);
            if (!headPosition)
            {
                continue;
            }

            if (NameCues.OrganisationWords.Contains(words[i]))
            {
                return "org";
            }

            if (NameCues.EventWords.Contains(words[i]))
            {
                return "event";
            }
        }

        return null;
    }
}
