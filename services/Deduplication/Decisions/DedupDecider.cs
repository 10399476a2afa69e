using MediaMonitor.Contracts.Deduplication;
using MediaMonitor.Deduplication.Fingerprinting;

namespace MediaMonitor.Deduplication.Decisions;

/// <summary>An article already in the index: its fingerprint, its group's original and its story.</summary>
public sealed record IndexedArticle(Guid ArticleId, Guid OriginalId, Guid StoryId, DateTimeOffset PublishedAt, ArticleFingerprint Fingerprint);

/// <summary>The verdict on one article.</summary>
public sealed record DedupDecision(DedupVerdict Verdict, Guid? DuplicateOf, double Similarity, Guid StoryId);

/// <summary>Decides whether an article copies one of the candidates the index found. Pure.</summary>
public static class DedupDecider
{
    public const string Version = "dedup-minhash-22";

    public static DedupDecision Decide(Guid articleId, ArticleFingerprint fingerprint, IEnumerable<IndexedArticle> candidates)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        ArgumentNullException.ThrowIfNull(candidates);
        IndexedArticle? best = null;
        var bestScore = 0.0;
        // Per group the article copies: its earliest member among the candidates, and how alike they are.
        Dictionary<Guid, (DateTimeOffset First, double Score, IndexedArticle Candidate)>? groups = null;
        // The stories matched only by one shared lead sentence that names almost nobody, and whether anything else matched.
        HashSet<Guid>? stockLeadStories = null;
        var otherEvidence = false;
        foreach (var candidate in candidates)
        {
            if (candidate.ArticleId == articleId)
            {
                continue;
            }

            var similarity = FingerprintSimilarity.Between(fingerprint, candidate.Fingerprint);
            var score = Score(similarity);
            if (score <= 0)
            {
                continue;
            }

            if (RestsOnOneLeadSentence(similarity))
            {
                (stockLeadStories ??= []).Add(candidate.StoryId);
            }
            else
            {
                otherEvidence = true;
            }

            groups ??= [];
            groups[candidate.OriginalId] = groups.TryGetValue(candidate.OriginalId, out var g)
                ? (candidate.PublishedAt < g.First ? candidate.PublishedAt : g.First, Math.Max(g.Score, score), g.Candidate)
                : (candidate.PublishedAt, score, candidate);

            if (best is null || score > bestScore || (score == bestScore && candidate.PublishedAt < best.PublishedAt))
            {
                best = candidate;
                bestScore = score;
            }

            // An exact copy cannot be beaten, and every member of its group points at the same original.
            if (score >= 1 && candidate.Fingerprint.ExactHash == fingerprint.ExactHash)
            {
                break;
            }
        }

        if (groups is { Count: > 1 } && !(bestScore >= 1 && best!.Fingerprint.ExactHash == fingerprint.ExactHash))
        {
            // Copies of one article in two groups: a copy missed earlier started a group of its own, and later copies that
            // resemble it most would keep joining it. The earlier group is the one it copied (a copy comes after what it
            // copies), so the article joins that one, and the copies stay one group (dedup-minhash-12).
            (_, bestScore, best) = groups.Values.MinBy(g => g.First);
        }

        if (!otherEvidence && stockLeadStories is { Count: > 1 })
        {
            // One sentence naming almost nobody, the whole text or lead of articles of two or more stories: a stock opening
            // ("Days after the first reports on ..., new details emerged on Monday ..."), which proves no copy of any of
            // them; a lead-only copy's lead is its own story's (dedup-minhash-21).
            best = null;
        }

        return best is null
            ? new DedupDecision(DedupVerdict.Original, null, 0, articleId)
            : new DedupDecision(DedupVerdict.DuplicateOf, best.OriginalId, Math.Round(bestScore, 3), best.StoryId);
    }

    /// <summary>
    /// Whether a pair judged copies is so only by one shared sentence that is the other's lead and names fewer than 3: without
    /// the lead the pair would not be copies (a short text as the other's whole lead, or one sentence and nothing else).
    /// </summary>
    public static bool RestsOnOneLeadSentence(FingerprintSimilarity s) =>
        !s.Exact && s.SharedSentences == 1 && s.FewerNames < 3 && Score(s with { LeadCoverage = 0, LeadRun = 0 }) <= 0;

    /// <summary>The similarity that makes the pair copies of each other, or 0 when they are not.</summary>
    public static double Score(FingerprintSimilarity s)
    {
        if (s.Exact)
        {
            return 1;
        }

        // Template-like articles (results, earnings, weather) share wording but not their names and numbers.
        // A name or two, or a stray date from a byline, proves nothing either way. Nor do the figures of a text whose every
        // sentence is the other's lead, two or more of them in their order: its other figures are the leftovers of its
        // template (a republisher's dateline, a time, a year in a footer), which outweigh a short lead's own few, while a
        // brief of the same shape says its own figures in its own sentences (dedup-minhash-18).
        var wholeLeadRun = s.LeadRun >= 2 && s.LeadRun == s.SharedSentences && s.SentenceContainment >= 0.99;
        if ((s.FewerNames >= 3 && s.NameContainment < 0.5) || (s.FewerNumbers >= 3 && s.NumberContainment < 0.6 && !wholeLeadRun))
        {
            return 0;
        }

        // Evidence weighed by the shorter text's own length: a short item (a brief, a lead-only copy) whose every sentence is
        // the other's lead is a copy however little text that is, once the template around it is gone. Its wording need be
        // inside the other no more than the lead-run rule's below asks (0.4): a lead of one sentence is a dozen shingles,
        // whose containment the 64-bin sketch estimates loosely, and 0.6 missed such copies with a template line left
        // beside the lead (dedup-minhash-19).
        var byWholeLead = s.SharedSentences >= 1 && s.SentenceContainment >= 0.99 && s.LeadCoverage >= 0.99 && s.Containment >= 0.4 ? 0.96 : 0;
        // The same when template lines the site is not known to carry yet follow the lead (a related headline, a footer
        // that reads like a sentence): the shorter opens with the longer's first sentences, shares nothing else whole, and
        // they are at least half its sentences. Names must be there to agree: two follow-ups opening with one stock
        // sentence share a lead that names nobody.
        var byLeadRun = s.LeadRun >= 1 && s.LeadRun == s.SharedSentences && s.SentenceContainment >= 0.5 && s.Containment >= 0.4 && s.FewerNames >= 3 ? 0.95 : 0;
        byWholeLead = Math.Max(byWholeLead, byLeadRun);
        // Only a later text can be the lead-only copy. A later text three times the earlier's length, with two or more
        // sentences of its own after the earlier's whole text, goes on from it: a follow-up that opens with the same stock
        // sentence, or a fuller story after a brief, not a copy of it (dedup-minhash-20). A copy in an unseen template is
        // longer by its leftovers too, but seldom three times over with sentences.
        if (s.LaterTermRatio >= 3 && s.LaterOwnSentences >= 2)
        {
            byWholeLead = 0;
        }

        if (s.ShortText)
        {
            // A few words share shingles with many texts: only the whole short text as the other's lead counts, or the
            // whole short text inside the other with every one of its names (3+) and figures (2+): a lead-only copy whose
            // lead an edit changed shares no sentence whole, and a brief of the same shape differs in names and figures
            // (dedup-minhash-16).
            var byWholeFacts = s.Containment >= 0.9 && s.NameContainment >= 0.99 && s.NumberContainment >= 0.99 && s.FewerNames >= 3 && s.FewerNumbers >= 2 ? 0.9 : 0;
            return Math.Max(byWholeLead, byWholeFacts);
        }

        var byShingles = s.Jaccard >= 0.5 ? s.Jaccard : 0;

        // A follow-up story repeats a background paragraph of the first: its text is inside the other's, but not the
        // other's lead, and one sentence at most is shared whole. A shortened copy keeps the lead, or more sentences.
        var repeatsBackgroundOnly = s.LeadCoverage == 0 && s.SharedSentences <= 1;
        var byContainment = s.Containment >= 0.85 && !repeatsBackgroundOnly ? s.Containment * 0.99 : 0;
        var bySentences = s.SharedSentences >= 3 && s.SentenceContainment >= 0.6 && s.Containment >= 0.5 ? s.SentenceContainment * 0.98 : 0;
        // The lead rule rests on the longer text's lead: without its first sentence among the shared ones, the shared
        // sentences are facts scattered through it, which another outlet's rewrite keeps word for word too (short sentences
        // its paraphrase left alone, in its own order), and then the wording must be in the other as well. A copy whose
        // first sentence an edit touched keeps the rest of its wording in place (dedup-minhash-22: on the dev sets the
        // rewrites joined this way had 0.42 at most, the copies found only this way 0.46 and more).
        var byLead = s.SharedSentences >= 2 && s.LeadCoverage >= 0.5 && (s.LeadRun >= 1 || s.Containment >= 0.45) ? s.LeadCoverage * 0.97 : 0;

        // Translated or heavily edited copies keep few sentences intact but all their names and most of their wording.
        var byEntities = s.Containment >= 0.5 && s.NameContainment >= 0.8 && s.FewerNames >= 5 && s.SharedSentences >= 1 && !repeatsBackgroundOnly ? s.Containment * 0.9 : 0;
        return Math.Max(Math.Max(Math.Max(byShingles, byLead), Math.Max(byContainment, bySentences)), Math.Max(byEntities, byWholeLead));
    }
}
