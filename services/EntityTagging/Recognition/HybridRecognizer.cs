using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;

namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>
/// The service's recogniser: the trained tagger's mentions, corrected and completed by the rule tagger. A rule mention
/// backed by strong evidence (a catalog or country name, a person cue such as "says" or "press secretary") replaces the
/// model's mentions it equals or contains; other rule mentions fill gaps where the model found nothing. Lone
/// sentence-opening common words the model took for names ("Furthermore") are dropped, and MISC names ending in an
/// organisation word ("Eurasian Analytical Club") become organisations.
/// </summary>
public sealed class HybridRecognizer(StatisticalRecognizer model, RuleRecognizer rules, Gazetteer gazetteer) : IEntityRecognizer
{
    public string Version => model.Version + "+" + rules.Version;

    public List<Mention> Recognise(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        var mentions = model.Recognise(sentences)
            .Where(m => !(m.Length == 1 && OpensSentence(sentences[m.Sentence], m.Start) && m.Candidates.Count == 0 && gazetteer.IsLowercaseWord(m.Text)))
            .Select(m => HeadedByOrganisationWord(m, sentences[m.Sentence]) ? m with { Type = EntityType.Organization } : m)
            .ToList();
        foreach (var extra in rules.Recognise(sentences))
        {
            var overlapping = mentions.Where(m => m.Sentence == extra.Sentence && m.Start < extra.End && extra.Start < m.End).ToList();
            if (overlapping.Count == 0)
            {
                mentions.Add(extra);
            }
            else if (extra.Certain && overlapping.All(m => extra.Start <= m.Start && m.End <= extra.End))
            {
                mentions.RemoveAll(overlapping.Contains);
                mentions.Add(extra);
            }
        }

        mentions.Sort((a, b) => a.Sentence != b.Sentence ? a.Sentence.CompareTo(b.Sentence) : a.Start.CompareTo(b.Start));
        return mentions;
    }

    /// <summary>A MISC name the model found that ends in an organisation word ("Eurasian Analytical Club") is an organisation.</summary>
    private static bool HeadedByOrganisationWord(Mention m, IReadOnlyList<string> words) =>
        m.Type == EntityType.Miscellaneous && m.Length > 1 && m.Candidates.Count == 0
        && NameCues.OrganisationWords.Contains(words[m.End - 1]) && !words[m.End - 1].Equals("league", StringComparison.OrdinalIgnoreCase);

    private static bool OpensSentence(IReadOnlyList<string> words, int index)
    {
        for (var k = 0; k < index; k++)
        {
            if (words[k].Any(char.IsLetterOrDigit))
            {
                return false;
            }
        }

        return true;
    }
}
