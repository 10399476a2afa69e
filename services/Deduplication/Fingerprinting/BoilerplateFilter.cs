namespace MediaMonitor.Deduplication.Fingerprinting;

/// <summary>
/// Drops what outlets wrap around a story before it is fingerprinted. By shape, on any site: short lines (bylines,
/// "Leave a comment", share buttons), breadcrumb and menu lines (separated by | or »), lines that do not end like a
/// sentence (navigation without separators, related-story headlines, tag lines, link lists), lines that only repeat the
/// headline, and a leading dateline ("LONDON, Jan 3 (Wire) - "). By repetition: lines the site has carried on the pages of
/// other stories (learned by <see cref="SiteBoilerplate"/>), however long and sentence-like (cookie and subscribe notices).
/// A short item keeps only its own lines even when the template is larger than it; when the shape rules leave too little
/// to fingerprint, every line of a few words that is not known boilerplate is kept instead, never the known template.
/// </summary>
public static class BoilerplateFilter
{
    public const int MinLineTerms = 10;
    public const int MaxDatelineTerms = 10;

    /// <summary>When the shape rules leave too little: the shortest line still taken as the article's own (menus are shorter).</summary>
    public const int MinOwnLineTerms = 3;

    /// <summary>A line this long is body text even when it does not end like a sentence (a paragraph cut off, a list item).</summary>
    public const int MaxOpenLineTerms = 25;

    public static void Apply(List<ScannedTerm> terms, List<ScannedTerm> title, List<ScannedTerm> into) => Apply(terms, title, into, null, null, null, null);

    /// <param name="terms">the text's terms</param>
    /// <param name="title">the headline's terms</param>
    /// <param name="into">receives the terms kept</param>
    /// <param name="closedLines">per line with terms, whether it ends like a sentence (from <see cref="TermScanner.Scan(string, List{ScannedTerm}, List{bool})"/>); null when unknown</param>
    /// <param name="learned">whether a line key is the site's known boilerplate; null when nothing is known</param>
    /// <param name="lineKeys">receives the key of every line (<see cref="LineKey"/>), for learning</param>
    /// <param name="siteName">the terms of the site's own name, left out of line keys (<see cref="SiteBoilerplate.NameTerms"/>); null when unknown</param>
    public static void Apply(
        List<ScannedTerm> terms, List<ScannedTerm> title, List<ScannedTerm> into, List<bool>? closedLines, Func<ulong, bool>? learned, List<ulong>? lineKeys,
        IReadOnlySet<ulong>? siteName)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lineKeys?.Clear();
        var start = 0;
        var line = 0;
        for (var i = 1; i <= terms.Count; i++)
        {
            if (i < terms.Count && !terms[i].StartsLine)
            {
                continue;
            }

            var key = LineKey(terms, start, i, siteName);
            lineKeys?.Add(key);
            var closed = closedLines is null || line >= closedLines.Count || closedLines[line];
            if (learned is null || !learned(key))
            {
                AddLine(terms, start, i, title, into, closed);
            }

            start = i;
            line++;
        }

        if (into.Count < ArticleFingerprint.MinTermsForNearDuplicates)
        {
            // Too little passed the shape rules (a results table, a list of short lines): keep every line of at least
            // MinOwnLineTerms terms that is not the site's known boilerplate. Never the known template: two short items
            // of one site would otherwise be judged copies of each other by their shared template. When even that is
            // too little, the fingerprint is exact-only (Fingerprinter).
            into.Clear();
            start = 0;
            for (var i = 1; i <= terms.Count; i++)
            {
                if (i < terms.Count && !terms[i].StartsLine)
                {
                    continue;
                }

                if (i - start >= MinOwnLineTerms && (learned is null || !learned(LineKey(terms, start, i, siteName))))
                {
                    for (var j = start; j < i; j++)
                    {
                        into.Add(terms[j]);
                    }
                }

                start = i;
            }
        }
    }

    /// <summary>
    /// A line's identity across pages: the hash of its words without its numbers, so "Copyright 2005" and a page counter
    /// stay the same line. Words only, case and punctuation folded. The site's own name is left out too
    /// (<paramref name="siteName"/>), so one template served under many outlets' names ("Download the Herald app",
    /// "Download the Gazette app") is one line and is learned across sites.
    /// </summary>
    public static ulong LineKey(List<ScannedTerm> terms, int start, int end, IReadOnlySet<ulong>? siteName = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var h = 0x452821E638D01377UL;
        for (var j = start; j < end; j++)
        {
            if (!terms[j].IsNumber && (siteName is null || !siteName.Contains(terms[j].Hash)))
            {
                h = Hashing.Combine(h, terms[j].Hash);
            }
        }

        return h;
    }

    private static void AddLine(List<ScannedTerm> terms, int start, int end, List<ScannedTerm> title, List<ScannedTerm> into, bool closed)
    {
        var length = end - start;
        if (length < MinLineTerms
            || (!closed && length < MaxOpenLineTerms)
            || (length < 30 && HasSeparator(terms, start, end))
            || (length <= title.Count + 15 && Contains(terms, start, end, title)))
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
