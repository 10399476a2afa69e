namespace MediaMonitor.Contracts.Deduplication;

/// <summary>Whether an article is the first of its kind or a copy of an earlier one.</summary>
public enum DedupVerdict
{
    Original = 0,
    DuplicateOf = 1,
}
