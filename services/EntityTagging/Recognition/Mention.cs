using MediaMonitor.Contracts.EntityTagging;
using MediaMonitor.EntityTagging.Gazetteers;

namespace MediaMonitor.EntityTagging.Recognition;

/// <summary>
/// A span of tokens recognised as an entity: sentence index, first token, token count, type, its text, and the gazetteer
/// entries it may refer to (empty for names the gazetteer does not know). Certain marks mentions backed by strong
/// evidence (a catalog or country name, a person cue) that may override a statistical guess.
/// </summary>
public sealed record Mention(
    int Sentence, int Start, int Length, EntityType Type, string Text, IReadOnlyList<GazetteerEntry> Candidates, bool Certain = false)
{
    public int End => Start + Length;
}
