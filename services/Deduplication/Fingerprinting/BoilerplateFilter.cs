namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// Drops what outlets wrap around a story before it is fingerprinted: short lines (bylines, "Leave a comment", share
/// buttons), breadcrumb and menu lines (separated by | or »), lines that only repeat the headline, and a leading
/// dateline ("LONDON, Jan 3 (Wire) - "). Keeps the text whole when that would leave too little of it.
/// </summary>
public static class BoilerplateFilter
{
    public const int MinLineTerms = 10;
    public const int MaxDatelineTerms = 10;

    public static void Apply(List<ScannedTerm> terms, List<ScannedTerm> title, List<ScannedTerm> into)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        var start = 0;
        for (var i = 1; i <= terms.Count; i++)
        {
            if (i < terms.Count && !terms[i].StartsLine)
            {
                continue;
            }

            AddLine(terms, start, i, title, into);
            start = i;
        }

        if (into.Count < ArticleFingerprint.MinTermsForNearDuplicates || into.Count < 0.4 * terms.Count)
        {
            into.Clear();
            into.AddRange(terms);
        }
    }

    private static void AddLine(List<ScannedTerm> terms, int start, int end, List<ScannedTerm> title, List<ScannedTerm> into)
    {
        var length = end - start;
        if (length < MinLineTerms || (length < 30 && HasSeparator(terms, start, end)) || (length <= title.Count + 15 && Contains(terms, start, end, title)))
        {
            return;
        }

        if (into.Count == 0 && terms[start].IsAllCaps)
        {
            for (var k = start + 1; k < Math.Min(end, start + MaxDatelineTerms); k++)
            {
                if (terms[k].AfterDash)
                {
                    into.Add(terms[k] with { Flags = terms[k].Flags | TermFlags.StartsSentence | TermFlags.StartsLine });
                    for (var j = k + 1; j < end; j++)
                    {
                        into.Add(terms[j]);
                    }

                    return;
                }
            }
        }

        for (var j = start; j < end; j++)
        {
            into.Add(terms[j]);
        }
    }

    private static bool HasSeparator(List<ScannedTerm> terms, int start, int end)
    {
        for (var j = start + 1; j < end; j++)
        {
            if (terms[j].AfterSeparator)
            {
                return true;
            }
        }

        return false;
    }

    private static bool Contains(List<ScannedTerm> terms, int start, int end, List<ScannedTerm> title)
    {
        if (title.Count < 3)
        {
            return false;
        }

        for (var i = start; i + title.Count <= end; i++)
        {
            var j = 0;
            while (j < title.Count && terms[i + j].Hash == title[j].Hash)
            {
                j++;
            }

            if (j == title.Count)
            {
                return true;
            }
        }

        return false;
    }
}
