using MediaMonitor.Deduplication;
using MediaMonitor.Deduplication.Decisions;
using MediaMonitor.Deduplication.Fingerprinting;
using MediaMonitor.Deduplication.Index;
using MediaMonitor.Deduplication.Stories;

namespace MediaMonitor.Measurements.Dedup;

/// <summary>
/// The story index in memory (evaluation, benchmark): an inverted index from key term to the originals of the story window
/// holding it, with the same candidate rule and statistics as <see cref="PostgresStoryIndex"/>. Originals older than the
/// window (by the latest published time seen) are evicted, so memory is bounded by the window's traffic.
/// </summary>
public sealed class InMemoryStoryIndex(TimeSpan window)
{
    private readonly Dictionary<uint, List<StoryCandidate>> _byTerm = [];
    private readonly Queue<StoryCandidate> _byArrival = new();
    private readonly Dictionary<StoryCandidate, int> _shared = new(ReferenceEqualityComparer.Instance);
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    public int Count => _byArrival.Count;

    public TermStatistics Statistics => new(_byArrival.Count, t => _byTerm.TryGetValue(t, out var list) ? list.Count : 0);

    /// <summary>Originals within the window around <paramref name="at"/> sharing at least <see cref="StoryClusterer.MinSharedTerms"/> terms.</summary>
    public List<StoryCandidate> Candidates(uint[] terms, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(terms);
        _shared.Clear();
        var statistics = Statistics;
        foreach (var t in terms)
        {
            // A term too common to weigh anything cannot make a candidate (the decision counts informative terms only).
            if (_byTerm.TryGetValue(t, out var list) && StoryClusterer.Weight(t, statistics) > 0)
            {
                foreach (var c in list)
                {
                    _shared[c] = _shared.GetValueOrDefault(c) + 1;
                }
            }
        }

        var found = new List<StoryCandidate>();
        foreach (var (c, count) in _shared)
        {
            if (count >= StoryClusterer.MinSharedTerms && (c.PublishedAt - at).Duration() <= window)
            {
                found.Add(c);
            }
        }

        return found;
    }

    public StoryDecision Decide(Guid articleId, uint[] terms, DateTimeOffset at) =>
        StoryClusterer.Decide(articleId, terms, Candidates(terms, at), Statistics);

    public void Insert(StoryCandidate original)
    {
        ArgumentNullException.ThrowIfNull(original);
        foreach (var t in original.Terms)
        {
            if (!_byTerm.TryGetValue(t, out var list))
            {
                _byTerm[t] = list = [];
            }

            list.Add(original);
        }

        _byArrival.Enqueue(original);
        if (original.PublishedAt > _latest)
        {
            _latest = original.PublishedAt;
        }

        while (_byArrival.TryPeek(out var oldest) && oldest.PublishedAt < _latest - window)
        {
            _byArrival.Dequeue();
            foreach (var t in oldest.Terms)
            {
                if (_byTerm.TryGetValue(t, out var list))
                {
                    list.Remove(oldest);
                    if (list.Count == 0)
                    {
                        _byTerm.Remove(t);
                    }
                }
            }
        }
    }
}
